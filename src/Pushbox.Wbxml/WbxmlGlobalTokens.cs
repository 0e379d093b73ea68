namespace Pushbox.Wbxml;

/// <summary>The global tokens of WBXML 1.3 (section 7.1), shared by every code page.</summary>
internal static class WbxmlGlobalTokens
{
    public const byte SwitchPage = 0x00;
    public const byte End = 0x01;
    public const byte Entity = 0x02;
    public const byte StrI = 0x03;
    public const byte Literal = 0x04;
    public const byte ExtI0 = 0x40;
    public const byte ExtI1 = 0x41;
    public const byte ExtI2 = 0x42;
    public const byte Pi = 0x43;
    public const byte LiteralC = 0x44;
    public const byte ExtT0 = 0x80;
    public const byte ExtT1 = 0x81;
    public const byte ExtT2 = 0x82;
    public const byte StrT = 0x83;
    public const byte LiteralA = 0x84;
    public const byte Ext0 = 0xC0;
    public const byte Ext1 = 0xC1;
    public const byte Ext2 = 0xC2;
    public const byte Opaque = 0xC3;
    public const byte LiteralAc = 0xC4;

    /// <summary>Bit 6 of a tag byte: the element has content and is closed by END.</summary>
    public const byte ContentFlag = 0x40;

    /// <summary>Bit 7 of a tag byte: the element has attributes.</summary>
    public const byte AttributeFlag = 0x80;

    /// <summary>The low six bits of a tag byte: the token on the current code page.</summary>
    public const byte TokenMask = 0x3F;

    /// <summary>WBXML 1.3, the version EAS uses.</summary>
    public const byte Version13 = 0x03;

    /// <summary>Public identifier 1: "unknown or missing", which EAS uses.</summary>
    public const byte PublicIdUnknown = 0x01;

    /// <summary>IANA MIBenum of UTF-8.</summary>
    public const int CharsetUtf8 = 106;
}
