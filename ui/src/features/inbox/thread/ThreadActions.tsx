import type { ConversationView } from "../../../api/types.gen";
import { useFrame } from "../../../frame/context";
import { CreateReservationButton } from "../../reservations/CreateReservationButton";
import { CallButtonButton } from "../../settings/CallButtonButton";
import { PaymentLinkButton } from "../../settings/PaymentLinkButton";

/** What the owner can do from a chat's header besides writing: each feature adds its button here. */
export function ThreadActions({ conversation }: { conversation: ConversationView }) {
  const { navigate } = useFrame();
  return (
    <div className="thread-actions">
      <CreateReservationButton friendId={conversation.friend.id} navigate={navigate} />
      {conversation.friend.followed && <FollowedActions conversation={conversation} />}
    </div>
  );
}

/** Only someone who can receive messages gets these. */
function FollowedActions({ conversation }: { conversation: ConversationView }) {
  return (
    <>
      <CallButtonButton conversationId={conversation.id} />
      <PaymentLinkButton conversationId={conversation.id} accountId={conversation.accountId} />
    </>
  );
}
