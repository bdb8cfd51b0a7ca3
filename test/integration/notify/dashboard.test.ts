/** The admins' queue dashboard (bull-board), mounted where the web edge will put it. */
import express from 'express';
import request from 'supertest';
import { useTestDatabase } from '../../helpers/db';
import { queueDashboardRouter } from '../../../src/notify';
import { startPipeline, testConfig, type Pipeline } from './helpers';

useTestDatabase(__filename);

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline(testConfig());
});
afterAll(() => pipeline.close());

test('the dashboard serves its page and lists the notifications queue with its failed jobs', async () => {
  const app = express();
  app.use('/admin/queues', queueDashboardRouter(pipeline.followUps.queues));
  const page = await request(app).get('/admin/queues');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<base href="/admin/queues/" />');
  const api = await request(app).get('/admin/queues/api/queues?activeQueue=notifications&status=failed');
  expect(api.status).toBe(200);
  const names = (api.body as { queues: { name: string }[] }).queues.map((q) => q.name);
  expect(names).toContain('notifications');
});
