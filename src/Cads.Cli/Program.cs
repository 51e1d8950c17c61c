using Cads.Cli;
using Cads.Cli.Commands;

HeapTuning.KeepLargeBlocksInHeap();
return await CadsCommand.RunAsync(args, Console.Out, Console.Error);
