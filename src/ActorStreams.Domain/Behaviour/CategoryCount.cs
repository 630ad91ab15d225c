namespace ActorStreams.Domain.Behaviour;

/// <summary>A category with the number of a customer's events (of every type) in it.</summary>
/// <param name="Category">The category name.</param>
/// <param name="Events">Events in that category over the customer's lifetime.</param>
public readonly record struct CategoryCount(string Category, long Events);
