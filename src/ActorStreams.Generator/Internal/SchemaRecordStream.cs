using System.Globalization;
using System.Text.Json;
using ActorStreams.Domain;
using ActorStreams.Generator.Avro;
using Bogus;

namespace ActorStreams.Generator.Internal;

/// <summary>
/// Schema-driven generation: records valid for any Avro record schema, as plain JSON (the topics'
/// convention, checked by <see cref="AvroValidator"/>). Values are realistic where a field's name or
/// doc says what it holds (<see cref="FieldHints"/>) and uniform otherwise. Recursion ends: below a
/// depth, arrays and maps are empty and unions take their shallowest branch.
/// </summary>
internal sealed class SchemaRecordStream : GeneratedRecordStream
{
    private const int MaxDepth = 4;
    private const int MaxItems = 3;
    private static readonly string[] Currencies = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SGD", "NZD"];
    private static readonly string[] Categories = ["electronics", "clothing", "books", "grocery", "travel", "restaurants", "entertainment", "health", "home", "jewelry"];

    private readonly AvroRecordSchema _schema;
    private readonly SchemaTermination _termination;
    private readonly Faker _faker;
    private readonly FastRandom _random;
    private readonly long _startMillis;
    private readonly Dictionary<AvroField, FieldHint> _hints = [];
    private readonly string _topic;

    public SchemaRecordStream(AvroRecordSchema schema, GeneratorSettings settings, EventTime start, long count)
        : base($"schema:{schema.FullName}", count, settings, start)
    {
        _schema = schema;
        _termination = new SchemaTermination(schema);
        _faker = new Faker("en") { Random = new Randomizer(FastRandom.DeriveInt(settings.Seed, "schema." + schema.FullName)) };
        _random = new FastRandom(FastRandom.Derive(settings.Seed, "schema.values." + schema.FullName));
        _startMillis = start.UnixMilliseconds;
        _topic = schema.Name;
    }

    private protected override WrittenRecord WriteNext(Utf8JsonWriter writer)
    {
        WriteRecord(writer, _schema, 0);
        return new WrittenRecord(_topic);
    }

    private void WriteRecord(Utf8JsonWriter writer, AvroRecordSchema record, int depth)
    {
        writer.WriteStartObject();
        foreach (var field in record.Fields)
        {
            writer.WritePropertyName(field.Name);
            if (!_hints.TryGetValue(field, out var hint))
            {
                hint = FieldHints.Of(field.Name, field.Doc);
                _hints[field] = hint;
            }

            WriteValue(writer, field.Schema, hint, depth + 1);
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, AvroSchema schema, FieldHint hint, int depth)
    {
        switch (schema)
        {
            case AvroRecordSchema record:
                WriteRecord(writer, record, depth);
                break;
            case AvroUnionSchema union:
                WriteValue(writer, ChooseBranch(union, depth), hint, depth);
                break;
            case AvroArraySchema array:
                writer.WriteStartArray();
                for (var i = ItemCount(depth); i > 0; i--)
                {
                    WriteValue(writer, array.Items, hint, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case AvroMapSchema map:
                writer.WriteStartObject();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                for (var i = ItemCount(depth); i > 0; i--)
                {
                    var key = _faker.Lorem.Word();
                    if (!keys.Add(key))
                    {
                        key = $"{key}{keys.Count.ToString(CultureInfo.InvariantCulture)}";
                        keys.Add(key);
                    }

                    writer.WritePropertyName(key);
                    WriteValue(writer, map.Values, hint, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case AvroEnumSchema enumSchema:
                writer.WriteStringValue(enumSchema.Symbols[_random.Next(enumSchema.Symbols.Count)]);
                break;
            case AvroFixedSchema fixedSchema when fixedSchema.LogicalType?.Name == AvroLogicalType.Decimal:
                WriteDecimal(writer, fixedSchema.LogicalType, hint);
                break;
            case AvroFixedSchema fixedSchema:
                writer.WriteStringValue(RandomBytes(fixedSchema.Size));
                break;
            default:
                WritePrimitive(writer, schema, hint);
                break;
        }
    }

    private AvroSchema ChooseBranch(AvroUnionSchema union, int depth)
    {
        var branches = union.Branches;
        if (depth >= MaxDepth)
        {
            // Deep enough: the shallowest branch, so recursive types end.
            return branches.MinBy(_termination.Height)!;
        }

        // Optional values are present most of the time.
        var nullIndex = -1;
        for (var i = 0; i < branches.Count; i++)
        {
            if (branches[i].Type == AvroType.Null)
            {
                nullIndex = i;
            }
        }

        if (nullIndex >= 0 && branches.Count > 1)
        {
            if (_random.Chance(0.2))
            {
                return branches[nullIndex];
            }

            var pick = _random.Next(branches.Count - 1);
            return branches[pick >= nullIndex ? pick + 1 : pick];
        }

        return branches[_random.Next(branches.Count)];
    }

    private int ItemCount(int depth) => depth >= MaxDepth ? 0 : _random.Next(MaxItems + 1);

    private void WritePrimitive(Utf8JsonWriter writer, AvroSchema schema, FieldHint hint)
    {
        var logical = schema.LogicalType?.Name;
        switch (schema.Type)
        {
            case AvroType.Null:
                writer.WriteNullValue();
                break;
            case AvroType.Boolean:
                writer.WriteBooleanValue(_random.Chance(0.5));
                break;
            case AvroType.Int:
                writer.WriteNumberValue(logical switch
                {
                    AvroLogicalType.Date => (int)((_startMillis / 86_400_000) - _random.Next(3650)),
                    AvroLogicalType.TimeMillis => _random.Next(86_400_000),
                    _ => IntFor(hint),
                });
                break;
            case AvroType.Long:
                writer.WriteNumberValue(logical switch
                {
                    AvroLogicalType.TimestampMillis or AvroLogicalType.LocalTimestampMillis => RecentMillis(),
                    AvroLogicalType.TimestampMicros or AvroLogicalType.LocalTimestampMicros => RecentMillis() * 1000,
                    AvroLogicalType.TimeMicros => _random.Between(0L, 86_400_000_000L - 1),
                    _ => LongFor(hint),
                });
                break;
            case AvroType.Float:
                writer.WriteNumberValue((float)DoubleFor(hint));
                break;
            case AvroType.Double:
                writer.WriteNumberValue(DoubleFor(hint));
                break;
            case AvroType.String:
                writer.WriteStringValue(logical == AvroLogicalType.Uuid ? Uuid() : StringFor(hint));
                break;
            case AvroType.Bytes when logical == AvroLogicalType.Decimal:
                WriteDecimal(writer, schema.LogicalType!, hint);
                break;
            case AvroType.Bytes:
                writer.WriteStringValue(RandomBytes(_random.Next(17)));
                break;
            default:
                throw new AvroSchemaException($"unsupported: no generator for {schema}");
        }
    }

    private int IntFor(FieldHint hint) => hint switch
    {
        FieldHint.CreditScore => _random.Between(300, 850),
        FieldHint.Age => _random.Between(18, 90),
        FieldHint.Years => _random.Between(0, 45),
        FieldHint.Quantity => _random.Between(0, 100),
        FieldHint.Identifier => _random.Between(1, 100_000),
        FieldHint.Income => (int)_random.Between(20_000L, 500_000L),
        _ => _random.Next(1_000_000),
    };

    private long LongFor(FieldHint hint) => hint switch
    {
        FieldHint.Income => _random.Between(20_000L, 500_000L),
        FieldHint.Timestamp => RecentMillis(),
        FieldHint.Identifier => _random.Between(1L, 1_000_000L),
        FieldHint.CreditScore or FieldHint.Age or FieldHint.Years or FieldHint.Quantity => IntFor(hint),
        _ => _random.Between(0L, 1_000_000_000L),
    };

    private double DoubleFor(FieldHint hint) => hint switch
    {
        FieldHint.Latitude => Math.Round(_random.Uniform(-60, 70), 4),
        FieldHint.Longitude => Math.Round(_random.Uniform(-180, 180), 4),
        FieldHint.Money => Math.Round(Math.Exp(Math.Log(40) + (0.9 * _random.NextGaussian())), 2),
        FieldHint.Probability => Math.Round(_random.NextDouble(), 2),
        FieldHint.Income => _random.Between(20_000L, 500_000L),
        _ => Math.Round(_random.Uniform(0, 1000), 4),
    };

    private string StringFor(FieldHint hint)
    {
        var faker = _faker;
        return hint switch
        {
            FieldHint.Email => faker.Internet.Email().ToLowerInvariant(),
            FieldHint.FirstName => faker.Name.FirstName(),
            FieldHint.LastName => faker.Name.LastName(),
            FieldHint.FullName => faker.Name.FullName(),
            FieldHint.UserName => faker.Internet.UserName(),
            FieldHint.IpAddress => faker.Internet.Ip(),
            FieldHint.Url => faker.Internet.UrlWithPath(),
            FieldHint.City => WorldCities.All[_random.Next(WorldCities.All.Count)].Name,
            FieldHint.Country => WorldCities.All[_random.Next(WorldCities.All.Count)].Country,
            FieldHint.Phone => faker.Phone.PhoneNumber(),
            FieldHint.Gender => _random.Chance(0.5) ? "Female" : "Male",
            FieldHint.Currency => Currencies[_random.Next(Currencies.Length)],
            FieldHint.Company => faker.Company.CompanyName(),
            FieldHint.Category => Categories[_random.Next(Categories.Length)],
            FieldHint.StreetAddress => faker.Address.StreetAddress(),
            FieldHint.ZipCode => faker.Address.ZipCode(),
            FieldHint.State => faker.Address.State(),
            FieldHint.Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(RecentMillis()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            FieldHint.Identifier => Uuid(),
            FieldHint.Device => $"dev-{_random.NextUInt64() & 0xFFFFFFFFFFFFUL:x12}",
            FieldHint.Text => faker.Lorem.Sentence(),
            FieldHint.Money => Math.Round(Math.Exp(Math.Log(40) + (0.9 * _random.NextGaussian())), 2).ToString("0.00", CultureInfo.InvariantCulture),
            _ => faker.Lorem.Word(),
        };
    }

    /// <summary>A decimal as a JSON number: at most <c>precision</c> digits, exactly <c>scale</c> decimals.</summary>
    private void WriteDecimal(Utf8JsonWriter writer, AvroLogicalType logical, FieldHint hint)
    {
        var integerDigits = Math.Min(logical.Precision - logical.Scale, 15);
        var maxUnscaled = (decimal)Math.Pow(10, Math.Min(integerDigits + Math.Min(logical.Scale, 12), 27)) - 1;
        var unscaled = hint == FieldHint.Money
            ? Math.Min(maxUnscaled, (decimal)Math.Round(Math.Exp(Math.Log(40) + (0.9 * _random.NextGaussian())) * Math.Pow(10, Math.Min(logical.Scale, 12))))
            : Math.Floor((decimal)_random.NextDouble() * maxUnscaled);
        var scale = Math.Min(logical.Scale, 12);
        var value = unscaled / (decimal)Math.Pow(10, scale);
        writer.WriteNumberValue(decimal.Round(value, scale));
    }

    private long RecentMillis() => _startMillis - _random.Between(0L, 30L * 86_400_000L);

    private string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, _random.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], _random.NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    /// <summary>Bytes as Avro's JSON encoding writes them: one code point U+0000–U+00FF per byte.</summary>
    private string RandomBytes(int count)
    {
        Span<char> chars = count <= 256 ? stackalloc char[count] : new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)_random.Next(256);
        }

        return new string(chars);
    }
}
