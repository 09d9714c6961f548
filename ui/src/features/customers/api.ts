/** The customers feature's API calls (friends, tags, reply-time tracking). */
import { useMemo } from "react";
import type {
  ConversationStatus,
  ConversationView,
  CsvFile,
  CsvImportResult,
  CustomField,
  FriendProfile,
  ReplyTimeSettings,
  SaveCustomField,
  SaveTag,
  SaveTagRule,
  TagRule,
  TagView,
} from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

export function customersApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    setPrivateName: (friendId: number, privateName: string | null): Promise<FriendProfile> =>
      rpc("setPrivateName", { friendId, privateName }),
    addNote: (friendId: number, body: string): Promise<FriendProfile> =>
      rpc("addNote", { friendId, body }),
    updateNote: (noteId: number, body: string): Promise<FriendProfile> =>
      rpc("updateNote", { noteId, body }),
    deleteNote: (noteId: number): Promise<FriendProfile> => rpc("deleteNote", { noteId }),
    saveCustomField: (q: SaveCustomField): Promise<CustomField[]> =>
      rpc("saveCustomField", q),
    deleteCustomField: (fieldId: number): Promise<CustomField[]> =>
      rpc("deleteCustomField", { fieldId }),
    setFieldValue: (friendId: number, fieldId: number, value: string | null): Promise<FriendProfile> =>
      rpc("setFieldValue", { friendId, fieldId, value }),
    exportCsv: (accountId: number): Promise<CsvFile> => rpc("exportFriendsCsv", { accountId }),
    importCsv: (accountId: number, content: string): Promise<CsvImportResult> =>
      rpc("importFriendsCsv", { accountId, content }),
    saveTag: (q: SaveTag): Promise<TagView> => rpc("saveTag", q),
    deleteTag: (tagId: number): Promise<void> => rpc("deleteTag", { tagId }),
    tagFriends: (tagId: number, friendIds: number[], add: boolean): Promise<void> =>
      rpc("tagFriends", { tagId, friendIds, add }),
    saveTagRule: (q: SaveTagRule): Promise<TagRule[]> => rpc("saveTagRule", q),
    deleteTagRule: (ruleId: number): Promise<void> => rpc("deleteTagRule", { ruleId }),
    setStatus: (conversationId: number, status: ConversationStatus): Promise<ConversationView> =>
      rpc("setConversationStatus", { conversationId, status }),
    setReplyTimeSettings: (s: ReplyTimeSettings): Promise<ReplyTimeSettings> =>
      rpc("setReplyTimeSettings", s),
  };
}

export type CustomersApi = ReturnType<typeof customersApi>;

export function useCustomersApi(): CustomersApi {
  const b = useBackend();
  return useMemo(() => customersApi(b), [b]);
}
