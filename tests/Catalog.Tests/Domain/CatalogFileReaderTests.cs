using Socialtjanst.Catalog.Domain;
using Socialtjanst.Catalog.V1;

namespace Socialtjanst.Catalog.Tests.Domain;

public class CatalogFileReaderTests
{
    internal const string Minimal = """
        municipality: {code: "2514", name: Kalix kommun}
        valid_from: 2025-07-01
        committee_decision_reference: SN 2025 § 1
        interventions:
          - id: samtal
            name: Samtal
            access: direct
            kind: counselling
            documentation: "14:4"
            follow_up: activity_level
            conditions:
              all:
                - age: {min: 18}
                - any:
                    - registered: "2514"
                    - fact: {code: familjehem, description: Bor i familjehem i kommunen, question: Bor du i ett familjehem i kommunen?, help: Svara ja eller nej.}
                - not:
                    child_age: {max: 2}
        """;

    [Fact]
    public void Read_MinimalFile_BuildsTypedConditions()
    {
        var (file, errors) = CatalogFileReader.Read(Minimal);
        Assert.Empty(errors);
        var entry = Assert.Single(file!.Interventions);
        var iv = entry.Intervention;
        Assert.Equal("municipalities/2514/interventions/samtal", iv.Name);
        Assert.Equal("SN 2025 § 1", iv.CommitteeDecisionReference);
        var all = iv.Conditions.All.Conditions;
        Assert.Equal(18, all[0].Age.MinYears);
        Assert.False(all[0].Age.HasMaxYears);
        Assert.Equal(Subject.Person, all[0].Age.Subject);
        Assert.Equal("2514", all[1].Any.Conditions[0].Registered.MunicipalityCode);
        Assert.Equal("familjehem", all[1].Any.Conditions[1].AttestedFact.Code);
        Assert.Equal(Subject.Child, all[2].Not.Age.Subject);
    }

    [Fact]
    public void AFactWithoutAWrittenQuestion_IsRefused_NamingTheField()
    {
        var yaml = Minimal.Replace(" question: Bor du i ett familjehem i kommunen?,", "", StringComparison.Ordinal);
        var (file, errors) = CatalogFileReader.Read(yaml);
        Assert.Null(file);
        Assert.Equal("interventions[0].conditions.all[1].any[1].fact.question", Assert.Single(errors).Field);
        var statement = Minimal.Replace("question: Bor du i ett familjehem i kommunen?", "question: Bor i familjehem", StringComparison.Ordinal);
        var checkedOne = CatalogFileReader.Read(statement).Item1!.Interventions[0].Intervention;
        Assert.Contains(InterventionRules.Validate(checkedOne, ""), p => p.Field == "conditions.all[1].any[1].attested_fact.question");
    }

    [Fact]
    public void DescriptionAndContact_AreRead_AndAContactIsChecked()
    {
        var yaml = Minimal.Replace("    name: Samtal\n", "    name: Samtal\n    description: Samtal med en rådgivare.\n    contact: {unit: Mottagningen, phone: 0923-650 00, link: \"https://kalix.example/samtal\"}\n", StringComparison.Ordinal)
            + "\nrules:\n  execution_limit_months: 3\n  information_text: Du har rätt att ansöka.\n  contact: {unit: Socialtjänsten, link: \"http://kalix.example\", phone: ring oss}\n";
        var (file, errors) = CatalogFileReader.Read(yaml);
        Assert.Null(file);
        Assert.Equal(["rules.contact.link", "rules.contact.phone"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("ring oss", e.Message, StringComparison.Ordinal)); // the value is never echoed
        var (ok, none) = CatalogFileReader.Read(yaml.Replace("link: \"http://kalix.example\", phone: ring oss", "note: Riktlinjen anger ingen adress.", StringComparison.Ordinal));
        Assert.Empty(none);
        var iv = ok!.Interventions[0].Intervention;
        Assert.Equal("Samtal med en rådgivare.", iv.Description);
        Assert.Equal("Mottagningen", iv.Contact.Unit);
        Assert.Equal("Riktlinjen anger ingen adress.", ok.Rules!.Contact.Note);
        Assert.Empty(InterventionRules.Validate(iv, ""));
        iv.Contact.Link = "javascript:alert(1)";
        Assert.Equal("contact.link", Assert.Single(InterventionRules.Validate(iv, "")).Field);
    }

    [Fact]
    public void Read_UnknownFieldsAndWords_AreNamedByPath()
    {
        var yaml = Minimal.Replace("kind: counselling", "kind: hemtjanst\n    colour: blue", StringComparison.Ordinal)
            .Replace("- age: {min: 18}", "- age: {min: 18, maximum: 20}", StringComparison.Ordinal);
        var (file, errors) = CatalogFileReader.Read(yaml);
        Assert.Null(file);
        var fields = errors.Select(e => e.Field).ToList();
        Assert.Contains("interventions[0].kind", fields);
        Assert.Contains("interventions[0].colour", fields);
        Assert.Contains("interventions[0].conditions.all[0].age.maximum", fields);
        Assert.All(errors, e => Assert.Equal("samtal", e.InterventionId));
    }

    [Theory]
    [InlineData("municipality: {code: \"2514\"\ninterventions: [ 19121212-1212 : x")]
    [InlineData("municipality:\n  code: \"2514\n  name: 19121212-1212\n")]
    [InlineData("- 19121212-1212\n  : - :")]
    public void Read_BrokenYaml_IsRefusedWithoutEchoingText(string yaml)
    {
        var (file, errors) = CatalogFileReader.Read(yaml);
        Assert.Null(file);
        var error = Assert.Single(errors);
        Assert.Contains("YAML", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("19121212", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConditionWithTwoKinds_IsRefused()
    {
        var yaml = Minimal.Replace("- age: {min: 18}", "- {age: {min: 18}, guardian_consent: true}", StringComparison.Ordinal);
        var (_, errors) = CatalogFileReader.Read(yaml);
        Assert.Contains(errors, e => e.Field == "interventions[0].conditions.all[0]");
    }

    [Fact]
    public void Read_DuplicateIdAndFirstDay_IsRefused()
    {
        var entry = Minimal[Minimal.IndexOf("  - id: samtal", StringComparison.Ordinal)..];
        var (_, errors) = CatalogFileReader.Read(Minimal + "\n" + entry);
        Assert.Contains(errors, e => e.Field == "interventions[1].id");
    }
}

public class CatalogFileReaderHostileInputTests
{
    [Fact]
    public void Read_AliasThatRefersToItsOwnAncestor_IsRefusedNotOverflowed()
    {
        const string yaml = """
            municipality: {code: "2514", name: Kalix kommun}
            valid_from: 2025-07-01
            interventions:
              - id: loop
                name: Loop
                access: direct
                kind: counselling
                documentation: "14:4"
                follow_up: activity_level
                conditions: &c
                  not: *c
            """;
        var (file, errors) = CatalogFileReader.Read(yaml);
        Assert.Null(file);
        Assert.NotEmpty(errors);
    }
}
