namespace ActorStreams.Generator.Avro;

/// <summary>
/// A logical type annotating a primitive or fixed schema (<c>"logicalType"</c>). Only valid
/// annotations are kept: as the Avro specification asks, an unknown or invalid one (a decimal whose
/// scale exceeds its precision, <c>date</c> on a string, ...) is ignored and the underlying type used.
/// </summary>
/// <param name="Name">The logical type name, one of the constants of this type.</param>
/// <param name="Precision">For <see cref="Decimal"/>: the maximum number of digits.</param>
/// <param name="Scale">For <see cref="Decimal"/>: the number of digits after the decimal point.</param>
public sealed record AvroLogicalType(string Name, int Precision = 0, int Scale = 0)
{
    /// <summary><c>decimal</c> on <c>bytes</c> or <c>fixed</c>: an arbitrary-precision decimal number.</summary>
    public const string Decimal = "decimal";

    /// <summary><c>uuid</c> on <c>string</c>: an RFC 4122 UUID.</summary>
    public const string Uuid = "uuid";

    /// <summary><c>date</c> on <c>int</c>: days since 1970-01-01.</summary>
    public const string Date = "date";

    /// <summary><c>time-millis</c> on <c>int</c>: milliseconds after midnight.</summary>
    public const string TimeMillis = "time-millis";

    /// <summary><c>time-micros</c> on <c>long</c>: microseconds after midnight.</summary>
    public const string TimeMicros = "time-micros";

    /// <summary><c>timestamp-millis</c> on <c>long</c>: milliseconds since the Unix epoch, UTC.</summary>
    public const string TimestampMillis = "timestamp-millis";

    /// <summary><c>timestamp-micros</c> on <c>long</c>: microseconds since the Unix epoch, UTC.</summary>
    public const string TimestampMicros = "timestamp-micros";

    /// <summary><c>local-timestamp-millis</c> on <c>long</c>: milliseconds since the epoch in local time.</summary>
    public const string LocalTimestampMillis = "local-timestamp-millis";

    /// <summary><c>local-timestamp-micros</c> on <c>long</c>: microseconds since the epoch in local time.</summary>
    public const string LocalTimestampMicros = "local-timestamp-micros";

    /// <summary><c>duration</c> on <c>fixed(12)</c>: months, days and milliseconds.</summary>
    public const string Duration = "duration";

    /// <summary>The annotation as written in error messages, e.g. <c>decimal(10,2)</c>.</summary>
    public override string ToString() =>
        Name == Decimal ? $"{Name}({Precision.ToString(System.Globalization.CultureInfo.InvariantCulture)},{Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : Name;
}
