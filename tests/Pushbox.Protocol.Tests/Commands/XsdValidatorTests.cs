using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using System.Xml.Linq;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Commands;

/// <summary>The validator must fail what the schemas forbid, or every "valid" above would mean nothing.</summary>
public class XsdValidatorTests
{
    private static readonly string[] Schemas = ["FolderSyncResponse.xsd", "FolderHierarchy.xsd"];

    private static IReadOnlyList<string> Errors(string xml)
    {
        XDocument document = XDocument.Parse(Pushbox.Wbxml.WbxmlXml.ToXml(Encode(xml)).Replace("\"FolderHierarchy:\"", "\"FolderHierarchy\"", StringComparison.Ordinal), LoadOptions.None);
        return XsdValidator.Validate(document, Schemas);
    }

    [Fact]
    public void Validate_SchemaOrder_Passes() =>
        Assert.Empty(Errors("""<FolderSync xmlns="FolderHierarchy:"><Status>1</Status><SyncKey>1</SyncKey><Changes><Count>0</Count></Changes></FolderSync>"""));

    [Theory]
    [InlineData("""<FolderSync xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><Status>1</Status></FolderSync>""")]
    [InlineData("""<FolderSync xmlns="FolderHierarchy:"><Status>1</Status><Changes><Add><ServerId>1</ServerId><ParentId>0</ParentId><DisplayName>a</DisplayName><Type>1</Type></Add><Delete><ServerId>2</ServerId></Delete></Changes></FolderSync>""")]
    [InlineData("""<FolderSync xmlns="FolderHierarchy:"><Status>one</Status></FolderSync>""")]
    [InlineData("""<FolderSync xmlns="FolderHierarchy:"><Status>1</Status><Count>1</Count></FolderSync>""")]
    [InlineData("""<FolderSync xmlns="FolderHierarchy:"><Status>1</Status><Changes><Delete><ServerId>12345678901234567890123456789012345678901234567890123456789012345</ServerId></Delete></Changes></FolderSync>""")]
    [InlineData("""<FolderCreate xmlns="FolderHierarchy:"><Status>1</Status></FolderCreate>""")]
    public void Validate_WhatTheSchemaForbids_Fails(string xml) => Assert.NotEmpty(Errors(xml));

    [Fact]
    public void AssertValidWbxml_UnmappedNamespace_WouldFail()
    {
        // Without the colon stripped, nothing is declared: the validator reports it rather than passing silently.
        XDocument document = XDocument.Parse("""<FolderSync xmlns="FolderHierarchy:"><Status>1</Status></FolderSync>""");

        Assert.NotEmpty(XsdValidator.Validate(document, Schemas));
    }

    [Fact]
    public void SchemaDirectory_HoldsTheSchemas() =>
        Assert.True(File.Exists(Path.Combine(XsdValidator.SchemaDirectory, "FolderHierarchy.xsd")));
}
