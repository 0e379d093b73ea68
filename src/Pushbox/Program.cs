using System.CommandLine;
using Pushbox;

var root = new RootCommand("Pushbox, an Exchange ActiveSync server. Run a verb with --help for its options.");
root.Subcommands.Add(WbxmlCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
