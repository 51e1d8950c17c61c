using System.Reflection;

namespace Cads.Notebooks;

/// <summary>
/// Plotly.NET 6 references FSharp.Core 10.1 while the dotnet-interactive kernel (1.0.712001) ships and loads 10.0:
/// without this the first chart fails with FileNotFoundException. Hands back the FSharp.Core already loaded.
/// </summary>
static class FSharpCoreRedirect
{
    static bool _registered;

    public static void Register()
    {
        if (_registered) return;
        _registered = true;
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
            new AssemblyName(args.Name).Name == "FSharp.Core"
                ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
                : null;
    }
}
