using Socialtjanst.Type.V1;

namespace Socialtjanst.TestSupport;

public static class D
{
    public static Date Of(int year, int month, int day) => new() { Year = year, Month = month, Day = day };
}
