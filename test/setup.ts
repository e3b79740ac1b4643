import { Testing } from 'cdktn';
// Brings the matchers' types (toHaveResourceWithProperties, ...) into the jest namespace.
import 'cdktn/lib/testing/adapters/jest';

Testing.setupJest();
