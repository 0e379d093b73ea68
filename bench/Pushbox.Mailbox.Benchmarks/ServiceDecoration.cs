using Microsoft.Extensions.DependencyInjection;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>Wraps a registered singleton in a decorator, keeping the original registration's factory.</summary>
internal static class ServiceDecoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        ServiceDescriptor original = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not registered.");
        Func<IServiceProvider, object> create = original switch
        {
            { ImplementationFactory: { } factory } => factory,
            { ImplementationInstance: { } instance } => _ => instance,
            { ImplementationType: { } type } => sp => ActivatorUtilities.CreateInstance(sp, type),
            _ => throw new InvalidOperationException($"{typeof(TService).Name} has a registration this decorator does not know."),
        };
        services.Remove(original);
        services.Add(new ServiceDescriptor(typeof(TService), sp => decorate(sp, (TService)create(sp)), original.Lifetime));
        return services;
    }
}
