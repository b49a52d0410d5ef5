using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Workiom.Emulator.Records;
using Workiom.Emulator.Storage;

namespace Workiom.Emulator.Http.Endpoints;

/// <summary><c>Data</c>: querying, reading, writing and deleting records.</summary>
internal sealed class DataEndpoints(EmulatorState state, IReadOnlyList<IRecordWriteObserver> observers)
{
    public static void Map(RouteGroupBuilder group, EmulatorState state, IReadOnlyList<IRecordWriteObserver> observers)
    {
        var data = new DataEndpoints(state, observers);
        group.MapApi(HttpMethods.Post, "/All", data.AllAsync);
        group.MapApi(HttpMethods.Get, "/Get", data.GetAsync);
        group.MapApi(HttpMethods.Post, "/Create", context => data.WriteAsync(context, WriteKind.Create));
        group.MapApi(HttpMethods.Put, "/Update", context => data.WriteAsync(context, WriteKind.Replace));
        group.MapApi(HttpMethods.Put, "/UpdatePartial", context => data.WriteAsync(context, WriteKind.Partial));
        group.MapApi(HttpMethods.Delete, "/Delete", data.DeleteAsync);
    }

    private async Task<ApiReply> AllAsync(HttpContext context)
    {
        var body = await ApiRequest.ReadJsonObjectAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false);
        return ApiReply.Success(await state.DataAll.RunAsync(body, context.RequestAborted).ConfigureAwait(false));
    }

    private async Task<ApiReply> GetAsync(HttpContext context)
    {
        var list = ApiRequest.RequireList(context, state.Catalog, "listId");
        var id = ApiRequest.RequireQuery(context, "id");
        return await state.Store.RunAsync(session =>
        {
            var stored = session.Get(list.Id, id) ?? throw ApiRequest.RecordNotFound(list, id);
            return ApiReply.Success(state.Reader.Read(list, stored, session));
        }, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ApiReply> WriteAsync(HttpContext context, WriteKind kind)
    {
        var caller = context.RequireCaller();
        var list = ApiRequest.RequireList(context, state.Catalog, "listId");
        var id = kind == WriteKind.Create ? null : ApiRequest.RequireQuery(context, "id");
        var body = await ApiRequest.ReadJsonObjectAsync(context, state.Options.MaxJsonBodyBytes).ConfigureAwait(false);
        var written = await state.Store.RunAsync(session =>
        {
            var writeContext = new WriteContext(list, state.Catalog, session, state.Options.Users.ToList(), caller, state.Options.TimeProvider.GetUtcNow(), state.Reader);
            JsonObject record;
            if (kind == WriteKind.Create)
            {
                var newId = RecordStore.NewId();
                record = RecordWriter.Apply(writeContext, kind, body, null, newId);
                session.Insert(list.Id, newId, record);
            }
            else
            {
                var existing = session.Get(list.Id, id!) ?? throw ApiRequest.RecordNotFound(list, id!);
                record = RecordWriter.Apply(writeContext, kind, body, existing, id!);
                session.Replace(list.Id, id!, record);
            }

            var read = state.Reader.Read(list, record, session);
            // Once committed, and while the store is still held: observers (webhooks) hear of writes in the
            // order they were made, and before the caller does.
            session.AfterCommit(() =>
            {
                foreach (var observer in observers)
                {
                    observer.RecordWritten(list, kind == WriteKind.Create, (JsonObject)read.DeepClone());
                }
            });
            return read;
        }, context.RequestAborted).ConfigureAwait(false);

        return ApiReply.Success(written);
    }

    private async Task<ApiReply> DeleteAsync(HttpContext context)
    {
        var list = ApiRequest.RequireList(context, state.Catalog, "listId");
        var id = ApiRequest.RequireQuery(context, "id");
        return await state.Store.RunAsync(
            session => session.Delete(list.Id, id) ? ApiReply.Success((JsonNode?)null) : throw ApiRequest.RecordNotFound(list, id),
            context.RequestAborted).ConfigureAwait(false);
    }
}
