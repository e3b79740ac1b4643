// The benchmark's baseline: one resource, with the provider imported from its
// package root, which loads every one of its ~1,500 resource classes.
import * as aws from '@cdktn/provider-aws';
import { App, TerraformStack } from 'cdktn';

const app = new App({ outdir: process.env.CDKTF_OUTDIR || 'cdktf.out' });
const stack = new TerraformStack(app, 'baseline');
new aws.provider.AwsProvider(stack, 'aws', { region: 'us-east-1' });
new aws.s3Bucket.S3Bucket(stack, 'bucket', { bucket: 'baseline-bucket' });
app.synth();
