using System.Collections.Frozen;
using System.Reflection;

namespace Pushbox.Wbxml;

/// <summary>
/// The Exchange ActiveSync code pages (MS-ASWBXML 2.1.2.1), protocol 2.5 to 16.1: every tag of pages
/// 0 (AirSync) to 25 (Find). A tag is a <see cref="ushort"/>: the code page in the high byte, the
/// token (0x05–0x3F) in the low byte, so tags from different pages never compare equal. The
/// constants are in the nested <c>…Tags</c> classes (one per page); this part answers look-ups.
/// </summary>
public static partial class EasCodePages
{
    /// <summary>Number of code pages EAS defines (0 to 25).</summary>
    public const int PageCount = 26;

    private static readonly Table Data = Table.Build();

    /// <summary>Composes a tag from its code page and token.</summary>
    public static ushort Tag(byte page, byte token) => (ushort)((page << 8) | token);

    /// <summary>The code page of <paramref name="tag"/>.</summary>
    public static byte PageOf(ushort tag) => (byte)(tag >> 8);

    /// <summary>The token of <paramref name="tag"/> on its code page.</summary>
    public static byte TokenOf(ushort tag) => (byte)tag;

    /// <summary>Whether <paramref name="page"/> is an EAS code page.</summary>
    public static bool IsKnownPage(int page) => (uint)page < PageCount;

    /// <summary>Whether <paramref name="tag"/> is defined by MS-ASWBXML.</summary>
    public static bool IsKnown(ushort tag)
    {
        int page = tag >> 8;
        int token = tag & 0xFF;
        return page < PageCount && token < 64 && (Data.Known[page] & (1UL << token)) != 0;
    }

    /// <summary>Whether the content of <paramref name="tag"/> is binary (OPAQUE in WBXML, base64 in XML).</summary>
    public static bool HasOpaqueContent(ushort tag)
    {
        int page = tag >> 8;
        int token = tag & 0xFF;
        return page < PageCount && token < 64 && (Data.Opaque[page] & (1UL << token)) != 0;
    }

    /// <summary>The element name of <paramref name="tag"/>, or null when it is not defined.</summary>
    public static string? GetName(ushort tag) => IsKnown(tag) ? Data.Names[((tag >> 8) * 64) + (tag & 0x3F)] : null;

    /// <summary>The name of code page <paramref name="page"/> (e.g. "AirSyncBase"), or null.</summary>
    public static string? GetPageName(int page) => IsKnownPage(page) ? Data.PageNames[page] : null;

    /// <summary>The XML namespace of code page <paramref name="page"/> as libwbxml writes it (e.g. "AirSyncBase:"), or null.</summary>
    public static string? GetNamespace(int page) => IsKnownPage(page) ? Data.PageNames[page] + ":" : null;

    /// <summary>
    /// Finds the tag named <paramref name="name"/> on the page whose namespace is
    /// <paramref name="xmlNamespace"/> ("AirSync:" or "AirSync"; the page name in any letter case, so the
    /// XSDs' "GAL" finds page 16, "Gal"). Tag names are case-sensitive, as in the specification.
    /// </summary>
    public static bool TryGetTag(string xmlNamespace, string name, out ushort tag)
    {
        ArgumentNullException.ThrowIfNull(xmlNamespace);
        string pageName = xmlNamespace.EndsWith(':') ? xmlNamespace[..^1] : xmlNamespace;
        if (Data.PagesByName.TryGetValue(pageName, out byte page) && Data.TagsByName[page].TryGetValue(name, out tag))
        {
            return true;
        }

        tag = 0;
        return false;
    }

    /// <summary>"Namespace:Name" for a known tag, or "page P token 0xTT" for an unknown one; for messages.</summary>
    public static string Describe(ushort tag) =>
        GetName(tag) is { } name
            ? $"{Data.PageNames[tag >> 8]}:{name}"
            : $"page {tag >> 8} token 0x{tag & 0xFF:X2}";

    /// <summary>Every defined tag, ordered by page then token.</summary>
    public static IEnumerable<ushort> AllTags()
    {
        for (int page = 0; page < PageCount; page++)
        {
            for (int token = 0; token < 64; token++)
            {
                if ((Data.Known[page] & (1UL << token)) != 0)
                {
                    yield return Tag((byte)page, (byte)token);
                }
            }
        }
    }

    /// <summary>The look-up arrays, built once from the constants in the nested <c>…Tags</c> classes.</summary>
    private sealed class Table
    {
        public ulong[] Known { get; } = new ulong[PageCount];

        public ulong[] Opaque { get; } = new ulong[PageCount];

        public string?[] Names { get; } = new string?[PageCount * 64];

        public string[] PageNames { get; } = new string[PageCount];

        public FrozenDictionary<string, byte> PagesByName { get; private set; } = FrozenDictionary<string, byte>.Empty;

        public FrozenDictionary<string, ushort>[] TagsByName { get; } = new FrozenDictionary<string, ushort>[PageCount];

        public static Table Build()
        {
            var table = new Table();
            var pagesByName = new Dictionary<string, byte>(StringComparer.OrdinalIgnoreCase);
            foreach (Type pageType in typeof(EasCodePages).GetNestedTypes(BindingFlags.Public))
            {
                byte page = (byte)pageType.GetField("CodePage")!.GetRawConstantValue()!;
                string ns = (string)pageType.GetField("Namespace")!.GetRawConstantValue()!;
                string pageName = ns.TrimEnd(':');
                if (page >= PageCount || table.PageNames[page] is not null)
                {
                    throw new InvalidOperationException($"Code page table: {pageType.Name} has a bad or duplicate page number {page}.");
                }

                table.PageNames[page] = pageName;
                pagesByName.Add(pageName, page);
                var byName = new Dictionary<string, ushort>(StringComparer.Ordinal);
                foreach (FieldInfo field in pageType.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    if (!field.IsLiteral || field.FieldType != typeof(ushort))
                    {
                        continue;
                    }

                    ushort tag = (ushort)field.GetRawConstantValue()!;
                    int token = tag & 0xFF;
                    if (tag >> 8 != page || token < 0x05 || token > 0x3F || (table.Known[page] & (1UL << token)) != 0)
                    {
                        throw new InvalidOperationException($"Code page table: {pageType.Name}.{field.Name} = 0x{tag:X4} is off its page, out of range or a duplicate.");
                    }

                    table.Known[page] |= 1UL << token;
                    table.Names[(page * 64) + token] = field.Name;
                    byName.Add(field.Name, tag);
                    if (field.IsDefined(typeof(OpaqueContentAttribute), inherit: false))
                    {
                        table.Opaque[page] |= 1UL << token;
                    }
                }

                table.TagsByName[page] = byName.ToFrozenDictionary(StringComparer.Ordinal);
            }

            for (int page = 0; page < PageCount; page++)
            {
                if (table.PageNames[page] is null)
                {
                    throw new InvalidOperationException($"Code page table: page {page} is missing.");
                }
            }

            table.PagesByName = pagesByName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
            return table;
        }
    }
}
