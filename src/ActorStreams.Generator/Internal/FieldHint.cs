namespace ActorStreams.Generator.Internal;

/// <summary>What a field's name or doc says its values are, so schema-driven data looks real.</summary>
internal enum FieldHint
{
    None,
    Email,
    FirstName,
    LastName,
    FullName,
    UserName,
    IpAddress,
    Url,
    City,
    Country,
    Latitude,
    Longitude,
    Phone,
    Gender,
    Currency,
    Company,
    Category,
    StreetAddress,
    ZipCode,
    State,
    Income,
    CreditScore,
    Age,
    Years,
    Money,
    Probability,
    Timestamp,
    Identifier,
    Quantity,
    Text,
    Device,
}

/// <summary>Chooses a <see cref="FieldHint"/> from a field's name, then its doc.</summary>
internal static class FieldHints
{
    // Checked in order: the first rule whose keyword the normalized name contains wins.
    private static readonly (string Keyword, FieldHint Hint)[] Rules =
    [
        ("email", FieldHint.Email),
        ("firstname", FieldHint.FirstName),
        ("givenname", FieldHint.FirstName),
        ("lastname", FieldHint.LastName),
        ("surname", FieldHint.LastName),
        ("familyname", FieldHint.LastName),
        ("fullname", FieldHint.FullName),
        ("username", FieldHint.UserName),
        ("login", FieldHint.UserName),
        ("ipaddress", FieldHint.IpAddress),
        ("url", FieldHint.Url),
        ("uri", FieldHint.Url),
        ("website", FieldHint.Url),
        ("link", FieldHint.Url),
        ("city", FieldHint.City),
        ("country", FieldHint.Country),
        ("latitude", FieldHint.Latitude),
        ("longitude", FieldHint.Longitude),
        ("phone", FieldHint.Phone),
        ("gender", FieldHint.Gender),
        ("currency", FieldHint.Currency),
        ("company", FieldHint.Company),
        ("employer", FieldHint.Company),
        ("merchantname", FieldHint.Company),
        ("category", FieldHint.Category),
        ("street", FieldHint.StreetAddress),
        ("zip", FieldHint.ZipCode),
        ("postal", FieldHint.ZipCode),
        ("state", FieldHint.State),
        ("income", FieldHint.Income),
        ("salary", FieldHint.Income),
        ("fico", FieldHint.CreditScore),
        ("creditscore", FieldHint.CreditScore),
        ("yearsactive", FieldHint.Years),
        ("tenure", FieldHint.Years),
        ("amount", FieldHint.Money),
        ("price", FieldHint.Money),
        ("cost", FieldHint.Money),
        ("balance", FieldHint.Money),
        ("fee", FieldHint.Money),
        ("count", FieldHint.Quantity),
        ("quantity", FieldHint.Quantity),
        ("total", FieldHint.Money),
        ("propensity", FieldHint.Probability),
        ("probability", FieldHint.Probability),
        ("ratio", FieldHint.Probability),
        ("score", FieldHint.Probability),
        ("timestamp", FieldHint.Timestamp),
        ("datetime", FieldHint.Timestamp),
        ("uuid", FieldHint.Identifier),
        ("guid", FieldHint.Identifier),
        ("device", FieldHint.Device),
        ("description", FieldHint.Text),
        ("comment", FieldHint.Text),
        ("message", FieldHint.Text),
        ("summary", FieldHint.Text),
        ("address", FieldHint.StreetAddress),
    ];

    public static FieldHint Of(string name, string? doc)
    {
        var normalized = Normalize(name);
        var hint = Exact(normalized);
        if (hint != FieldHint.None)
        {
            return hint;
        }

        foreach (var (keyword, ruleHint) in Rules)
        {
            if (normalized.Contains(keyword, StringComparison.Ordinal))
            {
                return ruleHint;
            }
        }

        // Suffixes that only mean something at the end of a name.
        if (normalized.EndsWith("id", StringComparison.Ordinal))
        {
            return FieldHint.Identifier;
        }

        if (name.EndsWith("_at", StringComparison.Ordinal) || (name.Length > 2 && name.EndsWith("At", StringComparison.Ordinal))
            || normalized.EndsWith("time", StringComparison.Ordinal) || normalized.EndsWith("date", StringComparison.Ordinal))
        {
            return FieldHint.Timestamp;
        }

        if (normalized.EndsWith("name", StringComparison.Ordinal))
        {
            return FieldHint.FullName;
        }

        return doc is null ? FieldHint.None : FromDoc(doc);
    }

    private static FieldHint Exact(string normalized) => normalized switch
    {
        "ip" => FieldHint.IpAddress,
        "lat" => FieldHint.Latitude,
        "lon" or "lng" or "long" => FieldHint.Longitude,
        "name" => FieldHint.FullName,
        "first" => FieldHint.FirstName,
        "last" => FieldHint.LastName,
        "age" => FieldHint.Age,
        "sex" => FieldHint.Gender,
        "id" => FieldHint.Identifier,
        "text" or "note" or "body" => FieldHint.Text,
        "user" => FieldHint.UserName,
        _ => FieldHint.None,
    };

    /// <summary>A hint from the doc's words, for fields whose name says nothing (e.g. <c>contact</c> documented as "email address").</summary>
    private static FieldHint FromDoc(string doc)
    {
        var words = doc.ToLowerInvariant();
        foreach (var (keyword, hint) in Rules)
        {
            if (keyword.Length >= 4 && words.Contains(keyword, StringComparison.Ordinal))
            {
                return hint;
            }
        }

        return words.Contains("first name", StringComparison.Ordinal) ? FieldHint.FirstName
            : words.Contains("last name", StringComparison.Ordinal) ? FieldHint.LastName
            : words.Contains("ip address", StringComparison.Ordinal) ? FieldHint.IpAddress
            : FieldHint.None;
    }

    private static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 128)];
        var length = 0;
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 128)))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }
}
