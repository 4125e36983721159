// Resolutions that ask for something later (a report back, an update, a visit), and whether a
// later meeting took them up — the question a scrutiny officer asks of every set of minutes.

import type { Action, ActionStatus, MeetingDetail } from '../../api/model';
import { allOf } from '../../api/types';
import { useApi } from '../../app/ApiContext';
import { useQuery } from '../../app/useQuery';
import { EvidenceLink } from '../../components/Evidence';
import { ErrorPanel } from '../../components/States';
import { formatDate } from '../../lib/format';

const STATUS: Record<ActionStatus, { label: string; className: string }> = {
  followed_up: { label: 'Followed up', className: 'tag ok' },
  open: { label: 'Open — not yet due', className: 'tag' },
  overdue: { label: 'Overdue', className: 'tag warn' },
};

function ActionRow({ action, asked }: { action: Action; asked: boolean }) {
  const status = STATUS[action.status];
  return (
    <li className="follow-up">
      <div className="follow-up-head">
        <span className={status.className}>{status.label}</span>
        <span className="tag">{action.kind}</span>
        {action.due && <span className="muted small-text">due {formatDate(action.due)}</span>}
      </div>
      <p className="follow-up-text">{action.text}</p>
      {asked && action.followedUpBy && (
        <p className="small-text">
          Taken up at <EvidenceLink evidence={action.followedUpBy} council={false} />
        </p>
      )}
      {!asked && (
        <p className="small-text">
          Asked for at <EvidenceLink evidence={action.evidence} council={false} />
        </p>
      )}
    </li>
  );
}

export function FollowUps({ detail }: { detail: MeetingDetail }) {
  const api = useApi();
  const { council, committee, id } = detail.meeting;
  const query = useQuery(
    () => api.listActions(allOf({ councils: council ? [council] : [], committee })),
    [council, committee],
    { enabled: council !== null },
  );
  if (council === null) return <p className="muted">Follow-ups are traced within a council; this meeting has none.</p>;
  if (query.error) return <ErrorPanel error={query.error} compact />;
  if (!query.data) return <p className="muted">Tracing follow-ups…</p>;
  const asked = query.data.filter((a) => a.evidence.meetingId === id);
  const answered = query.data.filter((a) => a.followedUpBy?.meetingId === id);
  if (asked.length === 0 && answered.length === 0) return <p className="muted">No resolution here asks for a later report, and none from earlier meetings is taken up.</p>;
  return (
    <>
      {asked.length > 0 && (
        <>
          <h4 className="sub-head">Asked for at this meeting</h4>
          <ul className="follow-ups">
            {asked.map((a) => (
              <ActionRow key={`a-${a.resolutionId}`} action={a} asked />
            ))}
          </ul>
        </>
      )}
      {answered.length > 0 && (
        <>
          <h4 className="sub-head">Taken up here</h4>
          <ul className="follow-ups">
            {answered.map((a) => (
              <ActionRow key={`t-${a.resolutionId}`} action={a} asked={false} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
