using System.Text.Json;

namespace Workiom.Serialization;

/// <summary>
/// A field's list read from a value that was not a plain array of its items (a JSON string of the
/// array, a single object, an array holding nulls): while its items are the ones read, in order, a
/// write sends the value exactly as read instead of an array of the items.
/// </summary>
internal sealed class AsReadList<T> : List<T> where T : class
{
    private readonly T[] _itemsAsRead;

    public AsReadList(List<T> items, JsonElement container) : base(items)
    {
        _itemsAsRead = items.ToArray();
        Container = container;
    }

    /// <summary>The field's value as read.</summary>
    public JsonElement Container { get; }

    /// <summary>Whether the list still holds exactly the items read (the same instances, in order).</summary>
    public bool IsAsRead()
    {
        if (Count != _itemsAsRead.Length)
        {
            return false;
        }

        for (int i = 0; i < _itemsAsRead.Length; i++)
        {
            if (!ReferenceEquals(this[i], _itemsAsRead[i]))
            {
                return false;
            }
        }

        return true;
    }
}
