using OneProxy.Cli.Commands;

return CommandRunner.Invoke(CommandTree.Build(), args);
