using Cads.Cli.Commands;

return await Cli.RunAsync(args, Console.Out, Console.Error);
