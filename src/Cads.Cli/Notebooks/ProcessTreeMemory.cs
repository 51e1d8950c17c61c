namespace Cads.Cli.Notebooks;

/// <summary>
/// The peak resident memory of a process and all its descendants together (Linux: /proc), sampled every
/// <c>interval</c>: a kernel restores packages through child processes, and a notebook's cost on a laptop is what
/// the whole tree holds at once. The root's own high-water mark (VmHWM) is exact and taken as a floor, so short peaks
/// of the root between samples are not missed. Elsewhere than Linux every figure is null.
/// </summary>
public sealed class ProcessTreeMemory : IDisposable
{
    readonly int _root;
    readonly Timer _timer;
    long _peak;

    public ProcessTreeMemory(int rootProcessId, TimeSpan? interval = null)
    {
        _root = rootProcessId;
        var every = interval ?? TimeSpan.FromMilliseconds(200);
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, every);
    }

    /// <summary>The largest total seen so far, in bytes (null where /proc is not available).</summary>
    public long? PeakBytes
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return null;
            Sample();
            return Math.Max(Interlocked.Read(ref _peak), StatusKilobytes(_root, "VmHWM:") * 1024);
        }
    }

    void Sample()
    {
        if (!OperatingSystem.IsLinux()) return;
        var total = Tree(_root).Sum(pid => StatusKilobytes(pid, "VmRSS:")) * 1024;
        long seen;
        do seen = Interlocked.Read(ref _peak);
        while (total > seen && Interlocked.CompareExchange(ref _peak, total, seen) != seen);
    }

    static IEnumerable<int> Tree(int pid)
    {
        yield return pid;
        string[] tasks;
        try { tasks = Directory.GetDirectories($"/proc/{pid}/task"); }
        catch (IOException) { yield break; }
        catch (UnauthorizedAccessException) { yield break; }
        foreach (var task in tasks)
        {
            string children;
            try { children = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; }
            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                foreach (var descendant in Tree(int.Parse(child)))
                    yield return descendant;
        }
    }

    // A process that exits between listing and reading counts as 0.
    static long StatusKilobytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    public void Dispose() => _timer.Dispose();
}
