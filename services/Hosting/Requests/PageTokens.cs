using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Requests;

/// <summary>
/// Opaque page tokens (AIP-158) bound to the kommun and the query they were given for, and sealed
/// with an HMAC: a token replayed by another kommun, for another query, or altered is INVALID_ARGUMENT
/// naming page_token. The key comes from PageTokens:Key (base64, shared by every replica of a service);
/// without one, each process makes its own, so a token only pages on the replica that gave it.
/// </summary>
public sealed class PageTokens
{
    public const string Field = "page_token";
    private const char Separator = '\u001f';
    private const int MacBytes = 16;
    private readonly byte[] key;

    public PageTokens(byte[] key) => this.key = key;

    public static PageTokens From(IConfiguration configuration) =>
        new(configuration["PageTokens:Key"] is { Length: > 0 } configured ? Convert.FromBase64String(configured) : RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The paging of a list request: its page size (negative is INVALID_ARGUMENT naming page_size) and the key its token
    /// continues after (a token of another kommun or query is INVALID_ARGUMENT naming page_token), for this kommun and query.
    /// </summary>
    public PageRequest Open(string token, int pageSize, string municipality, string query, int keyParts, int defaultSize, int maxSize) =>
        new(this, municipality, query, Paging.Size(pageSize, defaultSize, maxSize), Read(token, municipality, query, keyParts));

    /// <summary>A token for the page after <paramref name="cursor"/>, for this kommun and this query.</summary>
    public string Write(string municipality, string query, params string[] cursor)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join(Separator, cursor));
        var mac = Mac(municipality, query, payload);
        return Convert.ToHexStringLower([.. payload, .. mac]);
    }

    /// <summary>The cursor of a token (null for no token), or INVALID_ARGUMENT naming page_token.</summary>
    public string[]? Read(string token, string municipality, string query, int parts)
    {
        if (token.Length == 0)
        {
            return null;
        }

        if (FromHex(token) is { Length: > MacBytes } bytes)
        {
            var payload = bytes[..^MacBytes];
            if (CryptographicOperations.FixedTimeEquals(bytes[^MacBytes..], Mac(municipality, query, payload)))
            {
                var cursor = Encoding.UTF8.GetString(payload).Split(Separator);
                if (cursor.Length == parts)
                {
                    return cursor;
                }
            }
        }

        throw Problems.InvalidArgument(Field, "Sidtoken hör inte till den här frågan.");
    }

    /// <summary>The query a token is bound to, from the request's own fields (not its paging ones).</summary>
    public static string Query(params object?[] parts) =>
        string.Join(Separator, parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));

    private byte[] Mac(string municipality, string query, byte[] payload)
    {
        var bound = Encoding.UTF8.GetBytes($"{municipality}{Separator}{query}{Separator}");
        byte[] message = [.. bound, .. payload];
        return HMACSHA256.HashData(key, message)[..MacBytes];
    }

    // Lower-case hex (0-9, a-f), one spelling per token: opaque and URL-safe, and it cannot carry a readable
    // name or code by chance. An upper-cased copy is not the token it was made from.
    private static byte[]? FromHex(string text)
    {
        if (text.Length > 4096 || text.Length % 2 != 0 || text.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
