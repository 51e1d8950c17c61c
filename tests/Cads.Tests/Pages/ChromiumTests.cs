namespace Cads.Tests.Pages;

/// <summary>
/// A theory that needs Chromium: skipped, visibly, as "skipped: no Chromium" where none is installed (tests/run
/// installs it where it may). On CI (CI set) it is never skipped: a missing browser fails the tests instead.
/// </summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.Find() is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = "skipped: no Chromium (tests/run installs it with apt-get where it may; or set CADS_CHROMIUM)";
    }
}

/// <summary>The same for a fact.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = "skipped: no Chromium (tests/run installs it with apt-get where it may; or set CADS_CHROMIUM)";
    }
}

/// <summary>One Chromium for the page tests of a class, started on first use.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    readonly SemaphoreSlim _starting = new(1, 1);
    Chromium? _chromium;

    public async Task<Chromium> GetAsync()
    {
        await _starting.WaitAsync();
        try { return _chromium ??= await Chromium.StartAsync(); }
        finally { _starting.Release(); }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_chromium is not null) await _chromium.DisposeAsync();
    }
}
