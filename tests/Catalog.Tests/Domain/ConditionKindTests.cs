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
        const string Yaml = """
            municipality: { code: "9999", name: Exempelkommun }
            committee_decision_reference: SN 2025/1
            valid_from: 2025-07-01
            interventions:
              - id: samtal
                name: Samtal
                access: direct
                kind: counselling
                documentation: "14:4"
                follow_up: activity_level
                conditions:
                  all:
                    - age: { min: 18 }
                    - lives_in_family_home: true
            """;
        var (file, errors) = CatalogFileReader.Read(Yaml);
        Assert.Null(file);
        var issue = Assert.Single(errors);
        Assert.Equal("interventions[0].conditions.all[1].lives_in_family_home", issue.Field);

        var (_, two) = CatalogFileReader.Read(Yaml.Replace("- lives_in_family_home: true", "- { age: { min: 1 }, fact: { code: a, description: b } }", StringComparison.Ordinal));
        var message = Assert.Single(two).Message;
        Assert.All(ConditionKinds.All.SelectMany(k => k.YamlKeys), key => Assert.Contains(key, message, StringComparison.Ordinal));
    }
}
