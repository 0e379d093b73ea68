namespace Pushbox.EndToEnd.Tests;

/// <summary>Every test class shares the one server and runs one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedServer : ICollectionFixture<ServerFixture>
{
    public const string Name = "pushbox serve";
}
