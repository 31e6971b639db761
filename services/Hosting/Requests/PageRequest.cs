namespace Socialtjanst.Hosting.Requests;

/// <summary>
/// One list request's paging, read once (AIP-158): how many to give, the key of the last one already given (null on
/// the first page), and the token for the page after. <see cref="PageTokens.Open"/> makes it.
/// </summary>
public sealed class PageRequest(PageTokens tokens, string municipality, string query, int size, string[]? after)
{
    /// <summary>How many the page holds at most (page_size, its default when 0, at most its maximum).</summary>
    public int Size => size;

    /// <summary>The key of the last item of the page before (as the token was written), or null on the first page.</summary>
    public string[]? After => after;

    /// <summary>The next page's token, continuing after <paramref name="lastKey"/>; "" when there is no next page (null).</summary>
    public string NextToken(params string[]? lastKey) => lastKey is null ? "" : tokens.Write(municipality, query, lastKey);
}
