import type { NoposContract } from '../../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { SessionService } from './session-service';

export function createApprovalHandlers(session: SessionService): Handlers<NoposContract>['approvals'] {
  return {
    grant: (request) => session.grantApproval(request),
  };
}
