using System.Text.Json.Serialization;
using Pushbox.Mailbox.Items;

namespace Pushbox.Storage.Sql;

/// <summary>The JSON of the columns that hold small structures (an email's flag and categories); source-generated, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmailFlag))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long[]))]
internal sealed partial class StorageJson : JsonSerializerContext;
