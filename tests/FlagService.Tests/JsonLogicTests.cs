using System.Text.Json.Nodes;
using FlagService.Evaluation;

namespace FlagService.Tests;

public class JsonLogicTests
{
    private static readonly JsonLogic Logic = FlagdOperators.CreateJsonLogic();

    private static string Run(string rule, string data = "{}") =>
        JsonLogicValues.ToJson(Logic.Apply(JsonNode.Parse(rule), JsonNode.Parse(data)))?.ToJsonString() ?? "null";

    private static string Normalize(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("""{"var":"a"}""", """{"a":1}""", "1")]
    [InlineData("""{"var":"a.b"}""", """{"a":{"b":"x"}}""", "\"x\"")]
    [InlineData("""{"var":["missing","fallback"]}""", "{}", "\"fallback\"")]
    [InlineData("""{"var":"items.1"}""", """{"items":[10,20]}""", "20")]
    [InlineData("""{"var":""}""", """{"a":1}""", """{"a":1}""")]
    [InlineData("""{"var":"nope"}""", "{}", "null")]
    public void Var_reads_paths_with_defaults(string rule, string data, string expected) =>
        Assert.Equal(Normalize(expected), Run(rule, data));

    [Theory]
    [InlineData("""{"==":[1,"1"]}""", "true")]
    [InlineData("""{"==":[0,false]}""", "true")]
    [InlineData("""{"==":[null,null]}""", "true")]
    [InlineData("""{"==":[null,0]}""", "false")]
    [InlineData("""{"===":[1,"1"]}""", "false")]
    [InlineData("""{"===":["a","a"]}""", "true")]
    [InlineData("""{"!=":[1,2]}""", "true")]
    [InlineData("""{"!==":[1,1]}""", "false")]
    [InlineData("""{"!":[[]]}""", "true")]
    [InlineData("""{"!":true}""", "false")]
    [InlineData("""{"!!":["0"]}""", "true")]
    [InlineData("""{"!!":[""]}""", "false")]
    public void Equality_and_negation_follow_javascript(string rule, string expected) =>
        Assert.Equal(expected, Run(rule));

    [Theory]
    [InlineData("""{"or":[false,0,"a"]}""", "\"a\"")]
    [InlineData("""{"or":[false,0]}""", "0")]
    [InlineData("""{"and":[true,"x",0,"never"]}""", "0")]
    [InlineData("""{"and":[true,"x"]}""", "\"x\"")]
    [InlineData("""{"if":[true,"yes","no"]}""", "\"yes\"")]
    [InlineData("""{"if":[false,1,false,2,3]}""", "3")]
    [InlineData("""{"if":[false,1,true,2,3]}""", "2")]
    [InlineData("""{"if":[false,1]}""", "null")]
    [InlineData("""{"?:":[false,"a","b"]}""", "\"b\"")]
    public void Logic_short_circuits_and_returns_values(string rule, string expected) =>
        Assert.Equal(expected, Run(rule));

    [Fact]
    public void Or_does_not_evaluate_past_the_first_truthy_value() =>
        Assert.Equal("true", Run("""{"or":[true,{"unknownOperator":[]}]}"""));

    [Theory]
    [InlineData("""{"<":[1,2]}""", "true")]
    [InlineData("""{"<":[1,2,3]}""", "true")]
    [InlineData("""{"<":[1,3,2]}""", "false")]
    [InlineData("""{"<=":[2,2]}""", "true")]
    [InlineData("""{"<=":[1,2,2]}""", "true")]
    [InlineData("""{">":["b","a"]}""", "true")]
    [InlineData("""{">":[2,"10"]}""", "false")]
    [InlineData("""{">=":[1,2]}""", "false")]
    [InlineData("""{">=":[2,2]}""", "true")]
    public void Comparisons_work_on_numbers_strings_and_between(string rule, string expected) =>
        Assert.Equal(expected, Run(rule));

    [Theory]
    [InlineData("""{"in":["Spring","Springfield"]}""", "true")]
    [InlineData("""{"in":["b",["a","b"]]}""", "true")]
    [InlineData("""{"in":["c",["a","b"]]}""", "false")]
    [InlineData("""{"cat":["I love"," pie ",1,".",5]}""", "\"I love pie 1.5\"")]
    [InlineData("""{"substr":["jsonlogic",4]}""", "\"logic\"")]
    [InlineData("""{"substr":["jsonlogic",-5]}""", "\"logic\"")]
    [InlineData("""{"substr":["jsonlogic",1,3]}""", "\"son\"")]
    [InlineData("""{"substr":["jsonlogic",4,-2]}""", "\"log\"")]
    public void String_operators(string rule, string expected) =>
        Assert.Equal(expected, Run(rule));

    [Theory]
    [InlineData("""{"+":[1,"2",3.5]}""", "6.5")]
    [InlineData("""{"+":"3.14"}""", "3.14")]
    [InlineData("""{"-":[5,2]}""", "3")]
    [InlineData("""{"-":[2]}""", "-2")]
    [InlineData("""{"*":[2,3,4]}""", "24")]
    [InlineData("""{"/":[7,2]}""", "3.5")]
    [InlineData("""{"/":[1,0]}""", "null")]
    [InlineData("""{"%":[7,3]}""", "1")]
    [InlineData("""{"min":[3,1,2]}""", "1")]
    [InlineData("""{"max":[3,1,2]}""", "3")]
    [InlineData("""{"max":[]}""", "null")]
    public void Arithmetic(string rule, string expected) =>
        Assert.Equal(expected, Run(rule));

    [Theory]
    [InlineData("""{"merge":[[1,2],3,[4]]}""", "{}", "[1,2,3,4]")]
    [InlineData("""{"map":[{"var":"xs"},{"*":[{"var":""},2]}]}""", """{"xs":[1,2]}""", "[2,4]")]
    [InlineData("""{"filter":[{"var":"xs"},{">":[{"var":""},1]}]}""", """{"xs":[1,2,3]}""", "[2,3]")]
    [InlineData("""{"reduce":[{"var":"xs"},{"+":[{"var":"current"},{"var":"accumulator"}]},0]}""", """{"xs":[1,2,3]}""", "6")]
    [InlineData("""{"all":[{"var":"xs"},{">":[{"var":""},0]}]}""", """{"xs":[1,2]}""", "true")]
    [InlineData("""{"some":[{"var":"xs"},{">":[{"var":""},1]}]}""", """{"xs":[1,2]}""", "true")]
    [InlineData("""{"none":[{"var":"xs"},{">":[{"var":""},5]}]}""", """{"xs":[1,2]}""", "true")]
    [InlineData("""{"missing":["a","b"]}""", """{"a":1}""", """["b"]""")]
    [InlineData("""{"missing_some":[1,["a","b"]]}""", """{"a":1}""", "[]")]
    public void Arrays_and_missing(string rule, string data, string expected) =>
        Assert.Equal(Normalize(expected), Run(rule, data));

    [Fact]
    public void An_unknown_operator_is_an_error() =>
        Assert.Throws<JsonLogicException>(() => Run("""{"nosuchop":[1]}"""));

    [Fact]
    public void An_object_with_several_keys_is_a_literal() =>
        Assert.Equal(Normalize("""{"a":1,"b":2}"""), Run("""{"a":1,"b":2}"""));
}
