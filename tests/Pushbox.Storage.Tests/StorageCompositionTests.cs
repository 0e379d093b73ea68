using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;

namespace Pushbox.Storage.Tests;

public sealed class StorageCompositionTests
{
    [Fact]
    public void AddPushboxStorage_RegistersThePortsTheDatabaseAndASystemClock()
    {
        string data = Path.Combine(Path.GetTempPath(), "pushbox-composition-" + Guid.NewGuid().ToString("N"));
        using ServiceProvider services = new ServiceCollection()
            .AddPushboxStorage(new StorageOptions { DataDirectory = data })
            .BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<IDirectory>());
        Assert.NotNull(services.GetRequiredService<IMailboxStore>());
        Assert.NotNull(services.GetRequiredService<IDeviceStore>());
        Assert.NotNull(services.GetRequiredService<IPolicyStore>());
        Assert.IsType<Blobs.FileBlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.Equal(StorageProvider.Sqlite, services.GetRequiredService<PushboxDatabase>().Provider);
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.False(Directory.Exists(data)); // nothing is opened or created until first use
    }

    [Fact]
    public void AddPushboxStorage_KeepsARegisteredClock()
    {
        var clock = new ManualTimeProvider();
        using ServiceProvider services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddPushboxStorage(new StorageOptions { DataDirectory = Path.GetTempPath() })
            .BuildServiceProvider();

        Assert.Same(clock, services.GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, "", null, "Storage:DataDirectory is required")]
    [InlineData(StorageProvider.Postgres, "/var/lib/pushbox", null, "Storage:ConnectionString is required with Provider=Postgres")]
    [InlineData(StorageProvider.Postgres, "/var/lib/pushbox", "Host=db;Nonsense=1", "Storage:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData(StorageProvider.Postgres, "/var/lib/pushbox", "Database=pushbox", "Storage:ConnectionString names no Host")]
    [InlineData(StorageProvider.Sqlite, "/var/lib/pushbox", "Host=db", "Storage:ConnectionString is not used with Provider=Sqlite")]
    [InlineData((StorageProvider)7, "/var/lib/pushbox", null, "Storage:Provider 7 is unknown")]
    public void AddPushboxStorage_InvalidOptions_AreRefusedNamingTheSetting(StorageProvider provider, string dataDirectory, string? connectionString, string expected)
    {
        var options = new StorageOptions { Provider = provider, DataDirectory = dataDirectory, ConnectionString = connectionString };

        ArgumentException e = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPushboxStorage(options));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblem_AndNeverThePassword()
    {
        var options = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Password=s3cret;Bogus=1", BusyTimeout = TimeSpan.FromHours(1) };

        IReadOnlyList<string> errors = options.Validate();

        Assert.Equal(3, errors.Count);
        Assert.DoesNotContain(errors, e => e.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void PublicApi_ExposesNoProviderType()
    {
        Assembly storage = typeof(PushboxDatabase).Assembly;
        var leaks = new List<string>();
        foreach (Type type in storage.GetExportedTypes())
        {
            IEnumerable<Type> used = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).SelectMany(TypesOf)
                .Append(type.BaseType ?? typeof(object))
                .Concat(type.GetInterfaces());
            leaks.AddRange(used.Where(IsProviderType).Select(t => $"{type.Name} uses {t.FullName}"));
        }

        Assert.Empty(leaks);

        static bool IsProviderType(Type t) =>
            t.Namespace is { } ns && (ns.StartsWith("Npgsql", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || ns.StartsWith("Dapper", StringComparison.Ordinal));

        static IEnumerable<Type> TypesOf(MemberInfo member) => member switch
        {
            MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType).SelectMany(Unwrap),
            PropertyInfo p => Unwrap(p.PropertyType),
            FieldInfo f => Unwrap(f.FieldType),
            ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType).SelectMany(Unwrap),
            _ => [],
        };

        static IEnumerable<Type> Unwrap(Type t) =>
            t.IsGenericType ? t.GetGenericArguments().SelectMany(Unwrap).Append(t) : t.HasElementType ? Unwrap(t.GetElementType()!) : [t];
    }
}
