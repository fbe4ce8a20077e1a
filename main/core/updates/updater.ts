/**
 * electron-updater on a generic provider, set up the same way in the app (Electron's net
 * stack, the platform's updater) and under plain Node in the tests (a Node HTTP executor and
 * an app adapter, since Electron cannot run there). electron-updater checks the download's
 * sha512 from latest*.yml, and on Windows the publisher's signature; install is never
 * automatic: the shell asks the person before restarting (main/app/updates.ts, worded by
 * main/desktop/update-question.ts).
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { AppUpdater } from 'electron-updater';

export type { AppAdapter };

/**
 * builder-util-runtime's executor over node:http(s), for electron-updater outside Electron.
 * `download` is the one ElectronHttpExecutor adds; builder-util-runtime's doDownload streams
 * the file through its sha512 DigestTransform and fails on a mismatch.
 */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void) {
    const request = options.protocol === 'http:' ? httpRequest : httpsRequest;
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/** The feed and the policy every updater of ours gets. */
export function configureUpdater(updater: AppUpdater, feedUrl: string): AppUpdater {
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.autoDownload = true;
  // Never restart or install behind the person's back.
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.logger = null;
  return updater;
}
