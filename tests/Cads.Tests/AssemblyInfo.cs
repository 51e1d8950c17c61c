using System.Runtime.CompilerServices;
using Cads.Runtime;

// Notebook runs change the process's current directory and console; tensors share one torch runtime.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

static class TestRuntime
{
    // Every test may touch TorchSharp directly, so the runtime (native backend, device) is set up first, as in the CLI.
    [ModuleInitializer]
    internal static void Init() => CadsRuntime.Init();
}
