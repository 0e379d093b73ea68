using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pushbox.Storage.Secrets;

/// <summary>
/// Encrypts devices' recovery passwords for the database. A recovery password must be shown to its user again by an
/// administrator (MS-ASPROV PasswordRecoveryEnabled), so it cannot be hashed: it is sealed with AES-256-GCM under a key
/// kept in the data folder (<see cref="KeyFileName"/>, created on first use, readable by its owner only), with the device
/// as associated data so that a sealed value copied to another device's row does not open. A database dump alone gives
/// no password away. Several PostgreSQL nodes share the data folder, and with it the key; losing the key loses the stored
/// passwords (devices set them again), nothing else.
/// </summary>
internal sealed class RecoveryPasswordSealer(string dataDirectory)
{
    /// <summary>The key file inside the data folder.</summary>
    public const string KeyFileName = "recovery-password.key";

    private const byte FormatVersion = 1;
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lock _gate = new();
    private byte[]? _key;

    /// <summary>The path of the key file.</summary>
    public string KeyPath { get; } = Path.Combine(dataDirectory, KeyFileName);

    /// <summary>Seals <paramref name="password"/> for device <paramref name="deviceId"/>: version, nonce, tag, ciphertext.</summary>
    public byte[] Seal(long deviceId, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] plain = Encoding.UTF8.GetBytes(password);
        byte[] sealedValue = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedValue[0] = FormatVersion;
        Span<byte> nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key(), TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(1 + NonceSize + TagSize), sealedValue.AsSpan(1 + NonceSize, TagSize), AssociatedData(deviceId));
        CryptographicOperations.ZeroMemory(plain);
        return sealedValue;
    }

    /// <summary>Opens a value sealed by <see cref="Seal"/> for the same device.</summary>
    /// <exception cref="CryptographicException">The value is damaged, belongs to another device, or was sealed under another key.</exception>
    public string Open(long deviceId, byte[] sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (sealedValue.Length < 1 + NonceSize + TagSize || sealedValue[0] != FormatVersion)
        {
            throw new CryptographicException("The stored recovery password is not in a known format.");
        }

        byte[] plain = new byte[sealedValue.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(Key(), TagSize);
        aes.Decrypt(sealedValue.AsSpan(1, NonceSize), sealedValue.AsSpan(1 + NonceSize + TagSize), sealedValue.AsSpan(1 + NonceSize, TagSize), plain, AssociatedData(deviceId));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(long deviceId)
    {
        byte[] data = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(data, deviceId);
        return data;
    }

    private byte[] Key()
    {
        lock (_gate)
        {
            return _key ??= LoadOrCreate();
        }
    }

    private byte[] LoadOrCreate()
    {
        if (!File.Exists(KeyPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
            byte[] fresh = RandomNumberGenerator.GetBytes(KeySize);
            string temporary = KeyPath + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(fresh);
                file.Flush(flushToDisk: true);
            }

            try
            {
                // Another process (or node) may have created it meanwhile: the first key stays, this one goes.
                File.Move(temporary, KeyPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(KeyPath))
            {
                File.Delete(temporary);
            }
        }

        byte[] key = File.ReadAllBytes(KeyPath);
        if (key.Length != KeySize)
        {
            throw new CryptographicException($"{KeyPath} is not a {KeySize}-byte key.");
        }

        return key;
    }
}
