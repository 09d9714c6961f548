import type { ConversationView } from "../../api/types.gen";
import { CallButtonButton } from "../settings/CallButtonButton";
import { PaymentLinkButton } from "../settings/PaymentLinkButton";

/** What the owner can do from a chat's header besides writing: each feature adds its button here. */
export function ThreadActions({ conversation }: { conversation: ConversationView }) {
  if (!conversation.friend.followed) return null;
  return (
    <div className="thread-actions">
      <CallButtonButton conversationId={conversation.id} />
      <PaymentLinkButton conversationId={conversation.id} accountId={conversation.accountId} />
    </div>
  );
}
