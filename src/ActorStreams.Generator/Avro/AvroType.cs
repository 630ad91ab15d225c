namespace ActorStreams.Generator.Avro;

/// <summary>The Avro type of a schema node (Avro 1.11 specification, "Schema Declaration").</summary>
public enum AvroType
{
    /// <summary><c>null</c>: no value.</summary>
    Null,

    /// <summary><c>boolean</c>.</summary>
    Boolean,

    /// <summary><c>int</c>: 32-bit signed integer.</summary>
    Int,

    /// <summary><c>long</c>: 64-bit signed integer.</summary>
    Long,

    /// <summary><c>float</c>: single precision IEEE 754.</summary>
    Float,

    /// <summary><c>double</c>: double precision IEEE 754.</summary>
    Double,

    /// <summary><c>bytes</c>: a sequence of 8-bit bytes.</summary>
    Bytes,

    /// <summary><c>string</c>: Unicode text.</summary>
    String,

    /// <summary><c>record</c> (or <c>error</c>): named fields.</summary>
    Record,

    /// <summary><c>enum</c>: one of a list of symbols.</summary>
    Enum,

    /// <summary><c>array</c>: items of one schema.</summary>
    Array,

    /// <summary><c>map</c>: string keys to values of one schema.</summary>
    Map,

    /// <summary>A union: a value of any one of its branches.</summary>
    Union,

    /// <summary><c>fixed</c>: exactly <c>size</c> bytes.</summary>
    Fixed,
}
