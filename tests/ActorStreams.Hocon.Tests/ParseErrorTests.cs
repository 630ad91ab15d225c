using ActorStreams.Hocon.Tests.TestSupport;

namespace ActorStreams.Hocon.Tests;

/// <summary>Every syntax error names the file, line and column and says what was expected.</summary>
[Trait("Category", "Unit")]
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData("a {\n  b = 1\n", "test.conf:3:1: expected '}' to close the object started at 1:3, got end of file")]
    [InlineData("a = [1,\n 2", "test.conf:2:3: expected ']' to close the array started at 1:5, got end of file")]
    [InlineData("a = 1\n}", "test.conf:2:1: unbalanced '}': the root object has no opening '{' (the file does not start with '{')")]
    [InlineData("{ a = 1 } b = 2", "test.conf:1:11: expected end of file after the root object that closed before it, got 'b'")]
    [InlineData("[1, 2]", "test.conf:1:1: expected an object at the root of test.conf, got an array (a configuration, and any file it includes, must be an object)")]
    public void Structure_Unbalanced_ReportsPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Theory]
    [InlineData("{ , a = 1 }", "test.conf:1:3: expected a key or '}', got ',' (a comma may only follow a field)")]
    [InlineData("a = 1,,\nb = 2", "test.conf:1:7: two commas in a row: expected a key or '}' after ','")]
    [InlineData("a = [,1]", "test.conf:1:6: expected an array element or ']', got ',' (a comma may only follow an element)")]
    [InlineData("a = [1,,2]", "test.conf:1:8: two commas in a row: expected an array element or ']' after ','")]
    [InlineData("a = [1,2,3,,]", "test.conf:1:12: two commas in a row: expected an array element or ']' after ','")]
    public void Commas_Misplaced_ReportPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Theory]
    [InlineData("a", "test.conf:1:2: expected ':', '=', '+=' or '{' after the key 'a', got end of file")]
    [InlineData("a b\nc = 1", "test.conf:2:1: expected ':', '=', '+=' or '{' after the key \"a b\", got 'c'")]
    [InlineData("a = ", "test.conf:1:5: expected a value for 'a', got end of file")]
    [InlineData("x { a = }", "test.conf:1:9: expected a value for 'a', got '}'")]
    [InlineData("a = 1 : 2", "test.conf:1:7: expected ',', a newline or '}' after the value of 'a', got ':'")]
    [InlineData("a = [1 : 2]", "test.conf:1:8: expected ',', a newline or ']' after an array element, got ':'")]
    [InlineData("a = [ = ]", "test.conf:1:7: expected an array element or ']', got '='")]
    [InlineData("= 1", "test.conf:1:1: expected a key, got '='")]
    [InlineData("${a} = 1", "test.conf:1:1: substitutions are not allowed in keys")]
    [InlineData("a${b} = 1", "test.conf:1:2: substitutions are not allowed in keys")]
    public void Fields_Malformed_ReportPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Theory]
    [InlineData("a..b = 1", "test.conf:1:1: a path may not contain an empty key between two dots (quote an empty key as \"\")")]
    [InlineData(".a = 1", "test.conf:1:1: a path may not start with '.' (quote a key that contains dots, or an empty key as \"\")")]
    [InlineData("a. = 1", "test.conf:1:1: a path may not end with '.' (quote a key that contains dots)")]
    [InlineData("x = 1\n  a.\"b\". = 1", "test.conf:2:8: a path may not end with '.' (quote a key that contains dots)")]
    public void PathKeys_Invalid_ReportPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Theory]
    [InlineData("a = \"abc\nb = 1", "test.conf:1:9: the quoted string started at 1:5 contains a newline, which JSON strings do not allow: close the string, escape it (\\n, \\t, \\u000a) or use a triple-quoted \"\"\"string\"\"\"")]
    [InlineData("a = \"abc", "test.conf:1:9: expected '\"' to close the quoted string started at 1:5, got end of file")]
    [InlineData("a = \"a\tb\"", "test.conf:1:7: the quoted string started at 1:5 contains the control character U+0009, which JSON strings do not allow: close the string, escape it (\\n, \\t, \\u0009) or use a triple-quoted \"\"\"string\"\"\"")]
    [InlineData("a = \"\\x\"", "test.conf:1:6: invalid escape '\\x' in a quoted string (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)")]
    [InlineData("a = \"\\u12G4\"", "test.conf:1:6: '\\u' must be followed by exactly four hexadecimal digits")]
    [InlineData("a = \"\"\"abc\n\"\"", "test.conf:2:3: expected '\"\"\"' to close the triple-quoted string started at 1:5, got end of file")]
    public void Strings_Malformed_ReportPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Theory]
    [InlineData("a = b@c", 6, '@')]
    [InlineData("a = 1+2", 6, '+')]
    [InlineData("a = ?", 5, '?')]
    [InlineData("a = !", 5, '!')]
    [InlineData("a = *", 5, '*')]
    [InlineData("a = &", 5, '&')]
    [InlineData("a = ^", 5, '^')]
    [InlineData("a = `", 5, '`')]
    [InlineData("a = \\", 5, '\\')]
    [InlineData("a = b + c", 7, '+')]
    public void ReservedCharacters_OutsideQuotes_ReportPosition(string text, int column, char reserved)
    {
        var error = TestConfig.ParseError(text);

        Assert.Equal($"test.conf:1:{column}: the character '{reserved}' is reserved and not allowed outside quotes; put the string in double quotes", error.Message);
        Assert.Equal(new ConfigOrigin("test.conf", 1, column), error.Origin);
    }

    [Fact]
    public void Dollar_WithoutBrace_IsReserved()
    {
        Assert.Equal("test.conf:1:5: '$' is reserved outside quotes: it may only start a substitution ${...}; quote the string if you mean a dollar sign",
            TestConfig.ParseError("a = $5").Message);
    }

    [Theory]
    [InlineData("a = ${}", "test.conf:1:5: the substitution ${} has no path")]
    [InlineData("a = ${ }", "test.conf:1:5: the substitution ${ } has no path")]
    [InlineData("a = ${b.}", "test.conf:1:7: a path may not end with '.' (quote a key that contains dots)")]
    [InlineData("a = ${b", "test.conf:1:8: expected '}' to close the substitution started at 1:5, got end of file")]
    [InlineData("a = ${b\n}", "test.conf:1:8: expected '}' to close the substitution started at 1:5, got a newline")]
    [InlineData("a = ${b # c }", "test.conf:1:9: expected '}' to close the substitution started at 1:5, got a comment")]
    [InlineData("a = ${${b}}", "test.conf:1:7: substitutions cannot be nested inside a substitution's path")]
    [InlineData("a = ${b{}}", "test.conf:1:8: expected '}' to close the substitution started at 1:5, got '{'")]
    [InlineData("a = ${b:c}", "test.conf:1:8: expected '}' to close the substitution started at 1:5, got ':'")]
    [InlineData("a = $ {b}", "test.conf:1:5: '$' is reserved outside quotes: it may only start a substitution ${...}; quote the string if you mean a dollar sign")]
    [InlineData("a = ${ ?b}", "test.conf:1:8: the character '?' is reserved and not allowed outside quotes; put the string in double quotes")]
    public void Substitutions_Malformed_ReportPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Theory]
    [InlineData("a = [1] foo", "test.conf:1:9: cannot concatenate an array with the string \"foo\": a value concatenation must be all objects, all arrays or all simple values (put the values on separate lines or separate them with ',', or quote the whole string)")]
    [InlineData("a = { x = 1 } [1]", "test.conf:1:15: cannot concatenate an object with an array: a value concatenation must be all objects, all arrays or all simple values (put the values on separate lines or separate them with ',', or quote the whole string)")]
    [InlineData("a = 42 { x = 1 }", "test.conf:1:8: cannot concatenate the number 42 with an object: a value concatenation must be all objects, all arrays or all simple values (put the values on separate lines or separate them with ',', or quote the whole string)")]
    public void Concatenation_MixedLiteralTypes_ReportsPosition(string text, string message)
    {
        Assert.Equal(message, TestConfig.ParseError(text).Message);
    }

    [Fact]
    public void ParseError_CarriesOriginWithDescriptionLineAndColumn()
    {
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString("a {\n b = \n}", "application.conf"));

        Assert.Equal(new ConfigOrigin("application.conf", 3, 1), error.Origin);
        Assert.StartsWith("application.conf:3:1: expected a value for 'b', got '}'", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ConfigException>(error);
    }

    [Fact]
    public void ParseString_WithoutDescription_CallsTheOriginString()
    {
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString("a = "));

        Assert.StartsWith("string:1:5:", error.Message, StringComparison.Ordinal);
    }
}
