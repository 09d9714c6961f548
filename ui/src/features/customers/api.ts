/** The customers feature's API calls (friends, tags, reply-time tracking). */
import { useMemo } from "react";
import type {
  ConversationStatus,
  ConversationView,
  CsvFile,
  CsvImportResult,
  CustomField,
  FriendPage,
  FriendProfile,
  ListFriends,
  ReplyTimeQuery,
  ReplyTimeReport,
  ReplyTimeSettings,
  Request,
  Response,
  SaveCustomField,
  SaveTag,
  SaveTagRule,
  TagRule,
  TagView,
} from "../../api/types.gen";
import { expectKind, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

export function customersApi(b: Backend) {
  const call = <K extends Response["kind"]>(req: Request, kind: K) => b.rpc(req).then((r) => expectKind(r, kind));
  return {
    getFriend: (friendId: number): Promise<FriendProfile> => call({ method: "getFriend", params: { friendId } }, "friend"),
    listFriends: (q: ListFriends): Promise<FriendPage> => call({ method: "listFriends", params: q }, "friends"),
    setPrivateName: (friendId: number, privateName: string | null): Promise<FriendProfile> =>
      call({ method: "setPrivateName", params: { friendId, privateName } }, "friend"),
    addNote: (friendId: number, body: string): Promise<FriendProfile> =>
      call({ method: "addNote", params: { friendId, body } }, "friend"),
    updateNote: (noteId: number, body: string): Promise<FriendProfile> =>
      call({ method: "updateNote", params: { noteId, body } }, "friend"),
    deleteNote: (noteId: number): Promise<FriendProfile> => call({ method: "deleteNote", params: { noteId } }, "friend"),
    listCustomFields: (accountId: number): Promise<CustomField[]> =>
      call({ method: "listCustomFields", params: { accountId } }, "customFields"),
    saveCustomField: (q: SaveCustomField): Promise<CustomField[]> =>
      call({ method: "saveCustomField", params: q }, "customFields"),
    deleteCustomField: (fieldId: number): Promise<CustomField[]> =>
      call({ method: "deleteCustomField", params: { fieldId } }, "customFields"),
    setFieldValue: (friendId: number, fieldId: number, value: string | null): Promise<FriendProfile> =>
      call({ method: "setFieldValue", params: { friendId, fieldId, value } }, "friend"),
    exportCsv: (accountId: number): Promise<CsvFile> => call({ method: "exportFriendsCsv", params: { accountId } }, "csv"),
    importCsv: (accountId: number, content: string): Promise<CsvImportResult> =>
      call({ method: "importFriendsCsv", params: { accountId, content } }, "csvImport"),
    listTags: (accountId: number): Promise<TagView[]> => call({ method: "listTags", params: { accountId } }, "tags"),
    saveTag: (q: SaveTag): Promise<TagView> => call({ method: "saveTag", params: q }, "tag"),
    deleteTag: (tagId: number): Promise<void> => call({ method: "deleteTag", params: { tagId } }, "ok"),
    tagFriends: (tagId: number, friendIds: number[], add: boolean): Promise<void> =>
      call({ method: "tagFriends", params: { tagId, friendIds, add } }, "ok"),
    listTagRules: (accountId: number): Promise<TagRule[]> => call({ method: "listTagRules", params: { accountId } }, "tagRules"),
    saveTagRule: (q: SaveTagRule): Promise<TagRule[]> => call({ method: "saveTagRule", params: q }, "tagRules"),
    deleteTagRule: (ruleId: number): Promise<void> => call({ method: "deleteTagRule", params: { ruleId } }, "ok"),
    setStatus: (conversationId: number, status: ConversationStatus): Promise<ConversationView> =>
      call({ method: "setConversationStatus", params: { conversationId, status } }, "conversation"),
    getReplyTimeSettings: (): Promise<ReplyTimeSettings> => call({ method: "getReplyTimeSettings" }, "replyTimeSettings"),
    setReplyTimeSettings: (s: ReplyTimeSettings): Promise<ReplyTimeSettings> =>
      call({ method: "setReplyTimeSettings", params: s }, "replyTimeSettings"),
    replyTimeReport: (q: ReplyTimeQuery): Promise<ReplyTimeReport> =>
      call({ method: "replyTimeReport", params: q }, "replyTimeReport"),
  };
}

export type CustomersApi = ReturnType<typeof customersApi>;

export function useCustomersApi(): CustomersApi {
  const b = useBackend();
  return useMemo(() => customersApi(b), [b]);
}
