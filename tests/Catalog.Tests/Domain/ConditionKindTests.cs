using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.Domain.Conditions;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Domain;

/// <summary>
/// Every kind the contract's <c>Condition</c> has is read and checked by exactly one class in
/// Domain/Conditions, and every key a catalog file may use reads back to the kind it names.
/// </summary>
public sealed class ConditionKindTests
{
    public static TheoryData<Condition.KindOneofCase> ContractKinds() =>
        [.. Enum.GetValues<Condition.KindOneofCase>().Where(k => k != Condition.KindOneofCase.None)];

    [Theory]
    [MemberData(nameof(ContractKinds))]
    public void EveryContractKind_HasExactlyOneClass(Condition.KindOneofCase kind) =>
        Assert.Single(ConditionKinds.All, k => k.Cases.Contains(kind));

    [Fact]
    public void NoTwoKinds_ClaimTheSameYamlKey()
    {
        var keys = ConditionKinds.All.SelectMany(k => k.YamlKeys).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void AnUnknownKey_NamesItsPath_AndTheMessageListsEveryKey()
    {
        var yaml = CatalogFileReaderTests.Minimal.Replace("- registered: \"2514\"", "- lives_in_family_home: true", StringComparison.Ordinal);
        var (file, errors) = CatalogFileReader.Read(yaml);
        Assert.Null(file);
        var issue = Assert.Single(errors);
        Assert.Equal("interventions[0].conditions.all[1].any[0].lives_in_family_home", issue.Field);

        var (_, two) = CatalogFileReader.Read(yaml.Replace("- lives_in_family_home: true", "- { age: { min: 1 }, fact: { code: a, description: b, question: c?, help: d } }", StringComparison.Ordinal));
        var message = Assert.Single(two).Message;
        Assert.All(ConditionKinds.All.SelectMany(k => k.YamlKeys), key => Assert.Contains(key, message, StringComparison.Ordinal));
    }
}
