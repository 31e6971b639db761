using Socialtjanst.Errors;

namespace Socialtjanst.Hosting.Requests;

/// <summary>page_size as AIP-158 reads it: 0 means the default, more than the maximum means the maximum.</summary>
public static class Paging
{
    public static int Size(int requested, int defaultSize, int maxSize, string field = "page_size") => requested switch
    {
        < 0 => throw Problems.InvalidArgument(field, "Får inte vara negativ."),
        0 => defaultSize,
        _ => Math.Min(requested, maxSize),
    };
}
