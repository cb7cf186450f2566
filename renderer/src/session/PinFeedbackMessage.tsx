import { Countdown } from '../components/Countdown';
import type { PinFeedback } from './sign-in-messages';

export function PinFeedbackMessage({ feedback, onExpired }: { feedback: PinFeedback; onExpired: () => void }) {
  return (
    <div role="status" aria-live="assertive">
      {feedback && (
        <p className="message message--error">
          {feedback.text}
          {feedback.kind === 'wait' && (
            <>
              {' '}
              <Countdown key={`${feedback.text}-${feedback.seconds}`} seconds={feedback.seconds} onDone={onExpired} />
            </>
          )}
        </p>
      )}
    </div>
  );
}
