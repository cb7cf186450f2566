import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';

interface State {
  failed: boolean;
}

/**
 * A rendering bug must not leave staff with a blank screen mid-sale: show what happened and a way
 * back. Nothing about the error is shown or sent; the sale itself lives in the main process.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    // Deliberately silent: the page has no logging channel yet, and console output could carry data.
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="stack">
          <ErrorNotice
            title="This screen stopped working"
            message="Your sales are safe. Reload the screen to carry on; if it happens again, call support."
            onRetry={() => this.setState({ failed: false })}
          />
        </div>
      );
    }
    return this.props.children;
  }
}
