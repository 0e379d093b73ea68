using System.CommandLine;
using Pushbox;

var root = new RootCommand("Pushbox, an Exchange ActiveSync server. Run a verb with --help for its options.");
root.Options.Add(CliContext.DataOption);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(MailboxCommand.Create());
root.Subcommands.Add(DeviceCommand.Create());
root.Subcommands.Add(QueueCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(WbxmlCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
