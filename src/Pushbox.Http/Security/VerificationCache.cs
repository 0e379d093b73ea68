using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Pushbox.Mailbox.Users;

namespace Pushbox.Http.Security;

/// <summary>
/// Remembers successful password verifications, so that the hot path (every EAS request carries the
/// password) costs one HMAC instead of a PBKDF2 run. An entry holds, per user, a keyed digest of the
/// password (HMAC-SHA256 under a random per-process key: useless outside this process), the credential
/// version and stored hash it was verified against, and when it expires. It counts only while all three
/// still match, so a password change or disabling is seen at the next request. One entry per user is
/// enough: a credential version has one hash, which only one password matches. Thread-safe, bounded.
/// </summary>
internal sealed class VerificationCache
{
    private readonly ConcurrentDictionary<long, Entry> entries = new();
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeSpan lifetime;
    private readonly int maxEntries;

    public VerificationCache(TimeSpan lifetime, int maxEntries)
    {
        this.lifetime = lifetime;
        this.maxEntries = maxEntries;
    }

    public int Count => entries.Count;

    /// <summary>The keyed digest of <paramref name="password"/>.</summary>
    public byte[] Digest(string password)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return HMACSHA256.HashData(key, bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Whether a verification of the password with <paramref name="digest"/> against <paramref name="credentials"/> is cached and fresh.</summary>
    public bool Contains(UserCredentials credentials, byte[] digest, DateTimeOffset now)
    {
        if (lifetime <= TimeSpan.Zero || !entries.TryGetValue(credentials.UserId, out Entry? entry))
        {
            return false;
        }

        if (entry.Expires <= now || entry.CredentialVersion != credentials.CredentialVersion || !string.Equals(entry.PasswordHash, credentials.PasswordHash, StringComparison.Ordinal))
        {
            entries.TryRemove(new KeyValuePair<long, Entry>(credentials.UserId, entry));
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(entry.Digest, digest);
    }

    /// <summary>Remembers a successful verification.</summary>
    public void Add(UserCredentials credentials, byte[] digest, DateTimeOffset now)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        if (entries.Count >= maxEntries)
        {
            Shed(now);
        }

        entries[credentials.UserId] = new Entry(digest, credentials.CredentialVersion, credentials.PasswordHash, now + lifetime);
    }

    private void Shed(DateTimeOffset now)
    {
        foreach (KeyValuePair<long, Entry> pair in entries)
        {
            if (pair.Value.Expires <= now)
            {
                entries.TryRemove(pair);
            }
        }

        // Still full of fresh entries: drop a tenth, oldest first; those users hash once more.
        int excess = entries.Count - maxEntries + Math.Max(1, maxEntries / 10);
        if (excess > 0)
        {
            foreach (KeyValuePair<long, Entry> pair in entries.OrderBy(p => p.Value.Expires).Take(excess).ToList())
            {
                entries.TryRemove(pair);
            }
        }
    }

    private sealed record Entry(byte[] Digest, long CredentialVersion, string PasswordHash, DateTimeOffset Expires);
}
