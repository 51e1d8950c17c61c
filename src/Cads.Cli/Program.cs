using Cads.Cli.Commands;

return await CadsCommand.RunAsync(args, Console.Out, Console.Error);
