import { takeContractViolations } from './openapi-contract';

// Runs after every e2e test: a response the API document does not describe fails that test.
afterEach(() => {
  const violations = takeContractViolations();
  if (violations.length > 0) {
    throw new Error(`Responses that break the API document:\n- ${violations.join('\n- ')}`);
  }
});
