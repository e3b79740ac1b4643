import { Testing } from 'cdktf';
// Brings the matchers' types (toHaveResourceWithProperties, ...) into the jest namespace.
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
