namespace Pushbox.Commands.Tests.Email;

/// <summary>One <see cref="EmailTestStore"/> shared by the tests of a class (each test adds its own items).</summary>
public sealed class EmailStoreFixture : IAsyncLifetime
{
    public EmailTestStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await EmailTestStore.CreateAsync();

    public async Task DisposeAsync() => await Store.DisposeAsync();
}
