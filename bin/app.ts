import { App } from 'cdktn';
import { BootstrapStack } from '../stacks/bootstrap/stack';
import { ProductionStack } from '../stacks/production/stack';
import { SynthConfig } from '../config/synth-config';

/** The two stacks, named as the spec's two directories. */
export function buildApp(app: App, config: SynthConfig): App {
  new BootstrapStack(app, 'bootstrap');
  new ProductionStack(app, 'production', { backend: config.backend });
  return app;
}
