using System.Globalization;
using System.Reflection;

namespace Pushbox.Storage.Sql;

/// <summary>One embedded schema script, <c>Migrations/&lt;Dialect&gt;/NNNN_name.sql</c>; applied in version order, each in its own transaction.</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>The scripts of one dialect folder, in version order.</summary>
    public static IReadOnlyList<Migration> Load(string folder)
    {
        Assembly assembly = typeof(Migration).Assembly;
        string prefix = $"Migrations/{folder}/";
        var migrations = new List<Migration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource[prefix.Length..^".sql".Length];
            int underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version <= 0)
            {
                throw new InvalidOperationException($"Migration script {resource} is not named NNNN_description.sql.");
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migration scripts of {folder} must be numbered 1, 2, 3… without gaps; found {migrations[i].Name}.");
            }
        }

        return migrations;
    }
}
