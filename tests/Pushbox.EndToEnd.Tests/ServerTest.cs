namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// The base of every test class: after each test, the server must still run, and must not have answered
/// 500 or logged an error (<see cref="ServerFixture.AssertServerHealthyAsync"/>), whatever the test sent.
/// Derived classes carry <c>[Collection(SharedServer.Name)]</c> themselves.
/// </summary>
public abstract class ServerTest(ServerFixture fixture) : IAsyncLifetime
{
    /// <summary>The shared server.</summary>
    protected ServerFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Fixture.AssertServerHealthyAsync();
}
