using Selene.Cli;

return SeleneApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
