using System.Runtime.CompilerServices;
using Cads.Runtime;

// One test at a time, for the whole assembly: notebook runs change the current directory and console, and tests
// seed torch's global generator, train, and count live tensors process-wide.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

static class TestRuntime
{
    // Every test may touch TorchSharp directly, so the runtime (native backend, device) is set up first, as in the CLI.
    [ModuleInitializer]
    internal static void Init() => CadsRuntime.Init();
}
